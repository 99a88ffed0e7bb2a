import { Field, ID, ObjectType } from "type-graphql";
import { Provider, SourceType } from "../common/enums.js";

@ObjectType({ description: "The ticket a duplicate key is linked to in a tracker." })
export class ProviderTicket {
  @Field(() => Provider)
  provider!: Provider;

  @Field(() => String)
  key!: string;

  @Field(() => String)
  url!: string;

  /** Resolved by the duplicate-key resolver from this id. */
  targetId!: string | null;
}

@ObjectType({ description: "The idempotency fingerprint of a source: one per organization, sourceType and sourceId." })
export class DuplicateKey {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Versioned sha256 fingerprint (v1:<hex>), see docs/fingerprint.md." })
  fingerprint!: string;

  @Field(() => String, { description: "Tracker-safe label carried by every ticket and file of this source." })
  label!: string;

  @Field(() => SourceType)
  sourceType!: SourceType;

  @Field(() => String)
  sourceId!: string;
}
