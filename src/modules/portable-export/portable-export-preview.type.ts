import { Field, ObjectType } from "type-graphql";
import { ExportFormat, SafetyFindingKind } from "../common/enums.js";
import { PortableExportItem } from "./portable-export.type.js";

@ObjectType({ description: "Something in a source that must not leave in a file: a secret, a private path, personal data." })
export class SafetyFinding {
  @Field(() => String, { description: 'The field, e.g. "description" or "evidenceLinks[1].url".' })
  field!: string;

  @Field(() => SafetyFindingKind)
  kind!: SafetyFindingKind;

  @Field(() => String, { description: 'The detector, e.g. "github-token" or "email".' })
  rule!: string;

  @Field(() => String, { description: "Masked context: never the sensitive value itself." })
  excerpt!: string;

  /** Resolved by the finding resolver. */
  exportSourceId!: string;
}

@ObjectType({ description: "An evidence link no file will carry: not http(s), or not clean under every detector." })
export class DroppedEvidenceLink {
  @Field(() => String, { description: 'e.g. "evidenceLinks[2]".' })
  field!: string;

  @Field(() => String, { description: "Why, without repeating the link." })
  reason!: string;

  /** Resolved by the resolver. */
  exportSourceId!: string;
}

@ObjectType({ description: "What a portable export would contain, before any file is made." })
export class PortableExportPreview {
  @Field(() => ExportFormat)
  format!: ExportFormat;

  @Field(() => String)
  formatReason!: string;

  @Field(() => String)
  dialect!: string;

  @Field(() => [PortableExportItem])
  items!: PortableExportItem[];

  @Field(() => Boolean, { description: "True when the export can be made as asked (no finding, or redact: true)." })
  safe!: boolean;

  @Field(() => [SafetyFinding])
  findings!: SafetyFinding[];

  @Field(() => [DroppedEvidenceLink], { description: "Evidence links left out of the file, and why." })
  droppedEvidenceLinks!: DroppedEvidenceLink[];

  @Field(() => String, { description: "The start of the file (a few items), always redacted." })
  sample!: string;
}
