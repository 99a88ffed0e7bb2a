import { Field, ID, Int, ObjectType } from "type-graphql";
import { ExportFormat, ExportStatus, Provider } from "../common/enums.js";
import type { Readiness } from "../export-source/export-source.type.js";

@ObjectType({ description: "One produced file: a durable snapshot; downloading it twice gives the same bytes." })
export class PortableExport {
  @Field(() => ID)
  id!: string;

  @Field(() => ExportFormat)
  requestedFormat!: ExportFormat;

  @Field(() => ExportFormat)
  format!: ExportFormat;

  @Field(() => String, { description: "Why this format (and dialect) was chosen, in a sentence." })
  formatReason!: string;

  @Field(() => String)
  dialect!: string;

  @Field(() => Provider, { nullable: true })
  intendedTracker!: Provider | null;

  @Field(() => String)
  fileName!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => Int)
  byteSize!: number;

  @Field(() => String)
  sha256!: string;

  @Field(() => Int)
  rowCount!: number;

  @Field(() => Int)
  downloadCount!: number;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType()
export class PortableExportItem {
  @Field(() => ExportStatus, { description: "The source's export status as the file states it." })
  exportStatus!: ExportStatus;

  /** Resolved by the item resolver from these ids. */
  exportSourceId!: string;
  duplicateKeyId!: string;
  /** Set on preview items: the readiness the preview computed; otherwise the source's own. */
  readiness?: Readiness;
}
