import { getTableColumns, sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { EvidenceLink } from "../domain/export-item.js";
import {
  DuplicatePolicy,
  ExportFormat,
  ExportStatus,
  FallbackOutcome,
  FallbackReason,
  Priority,
  Provider,
  ProviderTargetState,
  RemediationStatus,
  Role,
  Severity,
  SourceType,
  TicketExportAction,
  enumValues,
} from "../domain/vocabulary.js";

export const roleEnum = pgEnum("role", enumValues(Role));
export const sourceTypeEnum = pgEnum("source_type", enumValues(SourceType));
export const severityEnum = pgEnum("severity", enumValues(Severity));
export const priorityEnum = pgEnum("priority", enumValues(Priority));
export const remediationStatusEnum = pgEnum("remediation_status", enumValues(RemediationStatus));
export const providerEnum = pgEnum("provider", enumValues(Provider));
export const providerTargetStateEnum = pgEnum("provider_target_state", enumValues(ProviderTargetState));
export const fallbackOutcomeEnum = pgEnum("fallback_outcome", enumValues(FallbackOutcome));
export const fallbackReasonEnum = pgEnum("fallback_reason", enumValues(FallbackReason));
export const exportFormatEnum = pgEnum("export_format", enumValues(ExportFormat));
export const exportStatusEnum = pgEnum("export_status", enumValues(ExportStatus));
export const duplicatePolicyEnum = pgEnum("duplicate_policy", enumValues(DuplicatePolicy));
export const ticketExportActionEnum = pgEnum("ticket_export_action", enumValues(TicketExportAction));

const id = () => uuid("id").primaryKey().defaultRandom();
const organizationId = () =>
  uuid("organization_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });
/** Insertion order: the stable sort key behind pagination cursors and "latest" reads. */
const seq = () => bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull();
const exportSourceId = () =>
  uuid("export_source_id")
    .notNull()
    .references(() => exportSources.id, { onDelete: "cascade" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const organizations = pgTable("organizations", {
  id: id(),
  slug: text("slug").notNull().unique(),
  createdAt: createdAt(),
});

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    organizationId: organizationId(),
    role: roleEnum("role").notNull(),
    /** sha256 of the token; the token itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    /** First characters of the token, enough for a person to tell tokens apart when revoking one. */
    prefix: text("prefix").notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [index("api_tokens_organization_idx").on(table.organizationId)],
);

export const reports = pgTable(
  "reports",
  {
    id: id(),
    seq: seq(),
    organizationId: organizationId(),
    externalId: text("external_id").notNull(),
    title: text("title").notNull(),
    siteUrl: text("site_url").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("reports_organization_external_id_key").on(table.organizationId, table.externalId),
    index("reports_organization_seq_idx").on(table.organizationId, table.seq),
  ],
);

export const providerTargets = pgTable(
  "provider_targets",
  {
    id: id(),
    organizationId: organizationId(),
    provider: providerEnum("provider").notNull(),
    name: text("name").notNull(),
    baseUrl: text("base_url").notNull(),
    projectKey: text("project_key").notNull(),
    /** AES-256-GCM sealed credential (see src/crypto); never selected into a GraphQL type. */
    credentialCiphertext: text("credential_ciphertext").notNull(),
    state: providerTargetStateEnum("state").notNull(),
    retryAfter: timestamp("retry_after", { withTimezone: true }),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("provider_targets_organization_idx").on(table.organizationId, table.createdAt)],
);

export const duplicateKeys = pgTable(
  "duplicate_keys",
  {
    id: id(),
    organizationId: organizationId(),
    sourceType: sourceTypeEnum("source_type").notNull(),
    sourceId: text("source_id").notNull(),
    fingerprint: text("fingerprint").notNull(),
    label: text("label").notNull(),
    /** The provider ticket this key is linked to, once a native export created or found one. */
    providerTargetId: uuid("provider_target_id").references(() => providerTargets.id, { onDelete: "set null" }),
    provider: providerEnum("provider"),
    providerKey: text("provider_key"),
    providerUrl: text("provider_url"),
    linkedAt: timestamp("linked_at", { withTimezone: true }),
    /**
     * A lease on native export of this key: one exporter at a time across instances, without holding a transaction
     * or a connection during the tracker call; an expired lease (a crashed exporter) is taken over.
     */
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("duplicate_keys_organization_fingerprint_key").on(table.organizationId, table.fingerprint),
    uniqueIndex("duplicate_keys_organization_source_key").on(table.organizationId, table.sourceType, table.sourceId),
  ],
);

export const exportSources = pgTable(
  "export_sources",
  {
    id: id(),
    seq: seq(),
    organizationId: organizationId(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    sourceType: sourceTypeEnum("source_type").notNull(),
    sourceId: text("source_id").notNull(),
    title: text("title").notNull(),
    severity: severityEnum("severity").notNull(),
    priority: priorityEnum("priority").notNull(),
    affectedUrl: text("affected_url").notNull(),
    labels: text("labels").array().notNull().default(sql`'{}'::text[]`),
    acceptanceCriteria: text("acceptance_criteria").array().notNull().default(sql`'{}'::text[]`),
    description: text("description"),
    evidenceLinks: jsonb("evidence_links").$type<EvidenceLink[]>().notNull().default([]),
    remediationStatus: remediationStatusEnum("remediation_status").notNull().default("OPEN"),
    exportStatus: exportStatusEnum("export_status").notNull().default("NOT_EXPORTED"),
    duplicateKeyId: uuid("duplicate_key_id")
      .notNull()
      .references(() => duplicateKeys.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("export_sources_report_source_key").on(table.reportId, table.sourceType, table.sourceId),
    index("export_sources_report_seq_idx").on(table.reportId, table.seq),
    index("export_sources_organization_idx").on(table.organizationId),
    index("export_sources_duplicate_key_idx").on(table.duplicateKeyId),
  ],
);

export const fallbackDecisions = pgTable(
  "fallback_decisions",
  {
    id: id(),
    seq: seq(),
    organizationId: organizationId(),
    exportSourceId: exportSourceId(),
    outcome: fallbackOutcomeEnum("outcome").notNull(),
    reason: fallbackReasonEnum("reason"),
    providerTargetId: uuid("provider_target_id").references(() => providerTargets.id, { onDelete: "set null" }),
    detail: text("detail").notNull(),
    /** The customer's recorded requirement for a file: its reason and who asked. */
    requirementReason: text("requirement_reason"),
    requestedBy: text("requested_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("fallback_decisions_source_seq_idx").on(table.exportSourceId, table.seq)],
);

export const portableExports = pgTable(
  "portable_exports",
  {
    id: id(),
    organizationId: organizationId(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    requestedFormat: exportFormatEnum("requested_format").notNull(),
    format: exportFormatEnum("format").notNull(),
    formatReason: text("format_reason").notNull(),
    dialect: text("dialect").notNull(),
    intendedTracker: providerEnum("intended_tracker"),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    /** The file's opening and closing text; items hold what comes between, so a download only streams stored text. */
    fileHead: text("file_head").notNull(),
    fileTail: text("file_tail").notNull(),
    rowCount: integer("row_count").notNull(),
    /** Known once every item is written; until then the export is not ready and cannot be downloaded. */
    byteSize: bigint("byte_size", { mode: "number" }),
    sha256: text("sha256"),
    readyAt: timestamp("ready_at", { withTimezone: true }),
    redacted: boolean("redacted").notNull(),
    importBoundaryAcknowledged: boolean("import_boundary_acknowledged").notNull(),
    idempotencyKey: text("idempotency_key"),
    /** sha256 of the normalised request, to tell a retry from a reuse of the key with other input. */
    requestHash: text("request_hash").notNull(),
    createdBy: text("created_by").notNull(),
    downloadCount: integer("download_count").notNull().default(0),
    createdAt: createdAt(),
  },
  (table) => [
    index("portable_exports_report_idx").on(table.reportId, table.createdAt),
    uniqueIndex("portable_exports_idempotency_key")
      .on(table.organizationId, table.idempotencyKey)
      .where(sql`${table.idempotencyKey} is not null`),
  ],
);

export const portableExportItems = pgTable(
  "portable_export_items",
  {
    portableExportId: uuid("portable_export_id")
      .notNull()
      .references(() => portableExports.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    organizationId: organizationId(),
    exportSourceId: exportSourceId(),
    duplicateKeyId: uuid("duplicate_key_id")
      .notNull()
      .references(() => duplicateKeys.id),
    /** The export status the file states for this source. */
    exportStatus: exportStatusEnum("export_status").notNull(),
    /** This source's part of the file, rendered once: every download streams the same bytes. */
    rendered: text("rendered").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.portableExportId, table.position] }),
    index("portable_export_items_source_idx").on(table.exportSourceId),
    index("portable_export_items_duplicate_key_idx").on(table.duplicateKeyId),
  ],
);

export const ticketExports = pgTable(
  "ticket_exports",
  {
    id: id(),
    seq: seq(),
    organizationId: organizationId(),
    exportSourceId: exportSourceId(),
    providerTargetId: uuid("provider_target_id")
      .notNull()
      .references(() => providerTargets.id, { onDelete: "cascade" }),
    action: ticketExportActionEnum("action").notNull(),
    onDuplicate: duplicatePolicyEnum("on_duplicate").notNull(),
    externalKey: text("external_key"),
    externalUrl: text("external_url"),
    error: text("error"),
    createdAt: createdAt(),
  },
  (table) => [index("ticket_exports_source_seq_idx").on(table.exportSourceId, table.seq)],
);

export const exportStatusEvents = pgTable(
  "export_status_events",
  {
    /** The cursor: allocated under a lock so that commit order and cursor order agree. */
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity().primaryKey(),
    organizationId: organizationId(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    exportSourceId: exportSourceId(),
    fromStatus: exportStatusEnum("from_status"),
    toStatus: exportStatusEnum("to_status").notNull(),
    cause: text("cause").notNull(),
    actor: text("actor").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("export_status_events_report_idx").on(table.reportId, table.id),
    index("export_status_events_source_idx").on(table.exportSourceId, table.id),
  ],
);

export type ReportRow = typeof reports.$inferSelect;
export type ExportSourceRow = typeof exportSources.$inferSelect;
export type DuplicateKeyRow = typeof duplicateKeys.$inferSelect;
export type ProviderTargetRow = typeof providerTargets.$inferSelect;
export type FallbackDecisionRow = typeof fallbackDecisions.$inferSelect;
export type PortableExportRow = typeof portableExports.$inferSelect;
const { fileHead: _fileHead, fileTail: _fileTail, ...summaryColumns } = getTableColumns(portableExports);
/** A file's record without its head and tail text: what lists and queries read. */
export const portableExportSummary = summaryColumns;
export type PortableExportSummary = Omit<PortableExportRow, "fileHead" | "fileTail">;
export type PortableExportItemRow = typeof portableExportItems.$inferSelect;
export type TicketExportRow = typeof ticketExports.$inferSelect;
export type ExportStatusEventRow = typeof exportStatusEvents.$inferSelect;
