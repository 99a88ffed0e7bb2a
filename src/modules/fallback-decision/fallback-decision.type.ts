import { Field, ID, ObjectType } from "type-graphql";
import { FallbackOutcome, FallbackReason } from "../common/enums.js";

@ObjectType({ description: "The recorded answer to: can this source go provider-native now, and if not, why." })
export class FallbackDecision {
  @Field(() => ID)
  id!: string;

  @Field(() => FallbackOutcome)
  outcome!: FallbackOutcome;

  @Field(() => FallbackReason, { nullable: true })
  reason!: FallbackReason | null;

  @Field(() => String, { description: "One line a person understands." })
  detail!: string;

  @Field(() => Date)
  decidedAt!: Date;
}
