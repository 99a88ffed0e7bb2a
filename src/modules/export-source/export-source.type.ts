import { Field, ID, ObjectType } from "type-graphql";
import { ExportStatus, Priority, RemediationStatus, Severity, SourceType } from "../common/enums.js";
import { Connection } from "../common/connection.js";

@ObjectType()
export class EvidenceLink {
  @Field(() => String)
  label!: string;

  @Field(() => String)
  url!: string;
}

@ObjectType({ description: "The ready and blocked states of a source, visible before any download." })
export class Readiness {
  @Field(() => Boolean, { description: "Format, sourceType, sourceId and exportStatus are all known." })
  portableReady!: boolean;

  @Field(() => Boolean, { description: "A provider-native export cannot be used safely for this source right now." })
  providerUnavailable!: boolean;

  @Field(() => Boolean, { description: "The source id and fingerprint exist and can block duplicate native work." })
  duplicateGuardReady!: boolean;

  @Field(() => Boolean, { description: "The requester acknowledged that the customer owns the downstream import." })
  importBoundaryClear!: boolean;

  @Field(() => Boolean, { description: "Secrets, private paths or personal data must be removed or redacted first." })
  unsafePreviewBlocked!: boolean;
}

@ObjectType({ description: "A report issue or a generated fix task that may become a ticket." })
export class ExportSource {
  @Field(() => ID)
  id!: string;

  @Field(() => SourceType)
  sourceType!: SourceType;

  @Field(() => String, { description: "The scanner's stable id of the source." })
  sourceId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Severity)
  severity!: Severity;

  @Field(() => Priority)
  priority!: Priority;

  @Field(() => String)
  affectedUrl!: string;

  @Field(() => [String])
  labels!: string[];

  @Field(() => [String])
  acceptanceCriteria!: string[];

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => [EvidenceLink])
  evidenceLinks!: EvidenceLink[];

  @Field(() => RemediationStatus, { description: "Never changed by an export or a download." })
  remediationStatus!: RemediationStatus;

  @Field(() => ExportStatus)
  exportStatus!: ExportStatus;
}

export const ExportSourceConnection = Connection(ExportSource, "ExportSource");
