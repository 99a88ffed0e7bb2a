import { Field, ID, InputType } from "type-graphql";
import { DuplicatePolicy } from "../common/enums.js";

@InputType()
export class ExportToProviderInput {
  @Field(() => [ID], { description: "Sources to deliver, up to 5,000; each is exported on its own." })
  sourceIds!: string[];

  @Field(() => ID)
  targetId!: string;

  @Field(() => DuplicatePolicy, {
    description: "When a ticket is already linked to the source's duplicate key: UPDATE it, or BLOCK and leave it alone.",
  })
  onDuplicate!: DuplicatePolicy;
}
