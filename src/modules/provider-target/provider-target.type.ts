import { Field, ID, Int, ObjectType } from "type-graphql";
import { Provider, ProviderTargetState } from "../common/enums.js";

@ObjectType({ description: "A connected tracker destination. Its credential is write-only and never returned." })
export class ProviderTarget {
  @Field(() => ID)
  id!: string;

  @Field(() => Provider)
  provider!: Provider;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  baseUrl!: string;

  @Field(() => String)
  projectKey!: string;

  @Field(() => ProviderTargetState)
  state!: ProviderTargetState;

  @Field(() => Date, { nullable: true, description: "While RATE_LIMITED: no call to the provider before this time." })
  retryAfter!: Date | null;

  @Field(() => Int)
  consecutiveFailures!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;
}
