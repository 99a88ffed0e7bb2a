import { Field, InputType } from "type-graphql";
import { ExportStatus, Priority, Severity, SourceType } from "../common/enums.js";

@InputType()
export class EvidenceLinkInput {
  @Field(() => String)
  label!: string;

  @Field(() => String)
  url!: string;
}

@InputType()
export class ExportSourceInput {
  @Field(() => SourceType)
  sourceType!: SourceType;

  @Field(() => String)
  sourceId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Severity)
  severity!: Severity;

  @Field(() => Priority, { nullable: true, description: "Defaults from severity when absent." })
  priority?: Priority | null;

  @Field(() => String)
  affectedUrl!: string;

  @Field(() => [String], { nullable: true })
  labels?: string[] | null;

  @Field(() => [String], { nullable: true })
  acceptanceCriteria?: string[] | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [EvidenceLinkInput], { nullable: true })
  evidenceLinks?: EvidenceLinkInput[] | null;
}

@InputType()
export class ExportSourceFilter {
  @Field(() => [Severity], { nullable: true })
  severity?: Severity[] | null;

  @Field(() => [SourceType], { nullable: true })
  sourceType?: SourceType[] | null;

  @Field(() => [ExportStatus], { nullable: true })
  exportStatus?: ExportStatus[] | null;
}
