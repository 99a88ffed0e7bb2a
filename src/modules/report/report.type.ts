import { Field, ID, Int, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.js";
import { ExportStatus } from "../common/enums.js";

@ObjectType({ description: "One scan report of a site." })
export class Report {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "The scanner's id of the report; ingest is idempotent on it." })
  externalId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  siteUrl!: string;

  @Field(() => Date)
  createdAt!: Date;
}

export const ReportConnection = Connection(Report, "Report");

@ObjectType({ description: "How many of a report's sources are in one export status." })
export class ExportStatusCount {
  @Field(() => ExportStatus)
  status!: ExportStatus;

  @Field(() => Int)
  count!: number;
}
