import { Field, ID, ObjectType } from "type-graphql";
import { TicketExportAction } from "../common/enums.js";

@ObjectType({ description: "One provider-native delivery attempt for a source." })
export class TicketExport {
  @Field(() => ID)
  id!: string;

  @Field(() => TicketExportAction)
  action!: TicketExportAction;

  @Field(() => String, { nullable: true })
  externalKey!: string | null;

  @Field(() => String, { nullable: true })
  externalUrl!: string | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}
