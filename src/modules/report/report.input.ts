import { Field, InputType } from "type-graphql";
import { ExportSourceInput } from "../export-source/export-source.input.js";

@InputType()
export class IngestReportInput {
  @Field(() => String)
  externalId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  siteUrl!: string;

  @Field(() => [ExportSourceInput])
  sources!: ExportSourceInput[];
}
