/**
 * The enumerations of the design, as plain objects so that the database schema (pgEnum), the GraphQL schema
 * (registerEnumType) and the pure rules share one definition.
 */
const values = <T extends string>(...names: readonly T[]) =>
  Object.freeze(Object.fromEntries(names.map((name) => [name, name]))) as { readonly [K in T]: K };

export const SourceType = values("REPORT_ISSUE", "FIX_TASK");
export type SourceType = keyof typeof SourceType;

export const Severity = values("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO");
export type Severity = keyof typeof Severity;

export const Priority = values("URGENT", "HIGH", "MEDIUM", "LOW");
export type Priority = keyof typeof Priority;

export const RemediationStatus = values("OPEN", "IN_PROGRESS", "FIXED_VERIFIED", "RISK_ACCEPTED");
export type RemediationStatus = keyof typeof RemediationStatus;

export const Provider = values(
  "JIRA",
  "GITHUB",
  "GITLAB",
  "BITBUCKET",
  "TRELLO",
  "LINEAR",
  "AZURE_DEVOPS",
  "YOUTRACK",
  "ASANA",
  "CLICKUP",
  "OTHER",
);
export type Provider = keyof typeof Provider;

export const ProviderTargetState = values(
  "ACTIVE",
  "REVOKED",
  "UNSAFE_ENDPOINT",
  "UNSUPPORTED",
  "RATE_LIMITED",
  "FAILING",
  "DISCONNECTED",
);
export type ProviderTargetState = keyof typeof ProviderTargetState;

export const FallbackOutcome = values("PROVIDER_NATIVE", "PORTABLE_FALLBACK", "BLOCKED");
export type FallbackOutcome = keyof typeof FallbackOutcome;

export const FallbackReason = values(
  "TICKET_EXPORT_PROVIDER_UNAVAILABLE",
  "PORTABLE_EXPORT_REQUIRED",
  "PROVIDER_TARGET_REVOKED",
  "PROVIDER_ENDPOINT_UNSAFE",
  "PROVIDER_PATH_UNSUPPORTED",
  "PROVIDER_RATE_LIMITED",
  "PROVIDER_DELIVERY_FAILING",
  "PROVIDER_NATIVE_AVAILABLE",
  "UNSAFE_PREVIEW_BLOCKED",
);
export type FallbackReason = keyof typeof FallbackReason;

export const ExportFormat = values("PORTABLE_EXPORT", "CSV_EXPORT", "MARKDOWN_EXPORT", "JSON_EXPORT");
export type ExportFormat = keyof typeof ExportFormat;
/** A format a file is actually written in: PORTABLE_EXPORT only asks the service to choose one. */
export type FileFormat = Exclude<ExportFormat, "PORTABLE_EXPORT">;

export const ExportStatus = values(
  "NOT_EXPORTED",
  "PORTABLE_READY",
  "PORTABLE_DOWNLOADED",
  "UNSAFE_BLOCKED",
  "PROVIDER_PENDING",
  "PROVIDER_EXPORTED",
  "PROVIDER_UPDATED",
  "PROVIDER_LINKED",
  "DUPLICATE_BLOCKED",
  "PROVIDER_FAILED",
);
export type ExportStatus = keyof typeof ExportStatus;

export const DuplicatePolicy = values("UPDATE", "BLOCK");
export type DuplicatePolicy = keyof typeof DuplicatePolicy;

export const SafetyFindingKind = values("SECRET", "PRIVATE_ARTIFACT_PATH", "PERSONAL_DATA");
export type SafetyFindingKind = keyof typeof SafetyFindingKind;

export const TicketExportAction = values("CREATED", "UPDATED", "LINKED", "BLOCKED_DUPLICATE", "FAILED");
export type TicketExportAction = keyof typeof TicketExportAction;

export const Role = values("viewer", "operator", "admin");
export type Role = keyof typeof Role;

export const DeploymentMode = values("cloud", "self-hosted");
export type DeploymentMode = keyof typeof DeploymentMode;

/** Tuple form for pgEnum, which wants a non-empty literal tuple. */
export const enumValues = <T extends string>(object: { readonly [K in T]: K }) =>
  Object.values(object) as [T, ...T[]];
