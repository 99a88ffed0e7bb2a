import type {
  DuplicatePolicy,
  ExportFormat,
  ExportStatus,
  FallbackOutcome,
  FallbackReason,
  Provider,
  ProviderTargetState,
  ReadinessStatesFragment,
  SafetyFindingKind,
  Severity,
  SourceType,
  TicketExportAction,
} from "../gql/graphql";

/** Keys of a label record, in the order written: each list below follows its labels, which name every value. */
const keysOf = <T extends string>(labels: Record<T, string>) => Object.keys(labels) as T[];

/** Every export status, in the order a source moves through them: counts and filters follow it. */
export const STATUS_LABEL: Record<ExportStatus, string> = {
  NOT_EXPORTED: "Not exported",
  UNSAFE_BLOCKED: "Unsafe, blocked",
  PORTABLE_READY: "File ready",
  PORTABLE_DOWNLOADED: "File downloaded",
  PROVIDER_PENDING: "Native pending",
  PROVIDER_EXPORTED: "Ticket created",
  PROVIDER_UPDATED: "Ticket updated",
  PROVIDER_LINKED: "Ticket linked",
  DUPLICATE_BLOCKED: "Duplicate blocked",
  PROVIDER_FAILED: "Native failed",
};
export const EXPORT_STATUSES = keysOf(STATUS_LABEL);

export const SEVERITY_LABEL: Record<Severity, string> = {
  CRITICAL: "Critical",
  HIGH: "High",
  MEDIUM: "Medium",
  LOW: "Low",
  INFO: "Info",
};
export const SEVERITIES = keysOf(SEVERITY_LABEL);

export const SOURCE_TYPE_LABEL: Record<SourceType, string> = { REPORT_ISSUE: "Report issue", FIX_TASK: "Fix task" };
export const SOURCE_TYPES = keysOf(SOURCE_TYPE_LABEL);

export const OUTCOME_LABEL: Record<FallbackOutcome, string> = {
  PROVIDER_NATIVE: "Native export possible",
  PORTABLE_FALLBACK: "Portable file",
  BLOCKED: "Blocked",
};

export const REASON_LABEL: Record<FallbackReason, string> = {
  TICKET_EXPORT_PROVIDER_UNAVAILABLE: "No tracker is connected",
  PORTABLE_EXPORT_REQUIRED: "The customer requires a file",
  PROVIDER_TARGET_REVOKED: "The tracker's access was revoked",
  PROVIDER_ENDPOINT_UNSAFE: "The tracker's endpoint is unsafe",
  PROVIDER_PATH_UNSUPPORTED: "The tracker's path is unsupported",
  PROVIDER_RATE_LIMITED: "The tracker is rate limiting",
  PROVIDER_DELIVERY_FAILING: "Deliveries to the tracker keep failing",
  PROVIDER_NATIVE_AVAILABLE: "A tracker can take it natively",
  UNSAFE_PREVIEW_BLOCKED: "Unsafe content must be removed first",
};

/** The formats a person picks from; PORTABLE_EXPORT lets the service choose and say why. */
export const FORMAT_LABEL: Record<ExportFormat, string> = {
  PORTABLE_EXPORT: "Automatic",
  CSV_EXPORT: "CSV",
  MARKDOWN_EXPORT: "Markdown",
  JSON_EXPORT: "JSON",
};
export const FORMATS = keysOf(FORMAT_LABEL);

export const PROVIDER_LABEL: Record<Provider, string> = {
  JIRA: "Jira",
  GITHUB: "GitHub",
  GITLAB: "GitLab",
  BITBUCKET: "Bitbucket",
  TRELLO: "Trello",
  LINEAR: "Linear",
  AZURE_DEVOPS: "Azure DevOps",
  YOUTRACK: "YouTrack",
  ASANA: "Asana",
  CLICKUP: "ClickUp",
  OTHER: "Other",
};
export const PROVIDERS = keysOf(PROVIDER_LABEL);

export const TARGET_STATE_LABEL: Record<ProviderTargetState, string> = {
  ACTIVE: "Active",
  REVOKED: "Revoked",
  UNSAFE_ENDPOINT: "Unsafe endpoint",
  UNSUPPORTED: "Unsupported",
  RATE_LIMITED: "Rate limited",
  FAILING: "Failing",
  DISCONNECTED: "Disconnected",
};

export const FINDING_KIND_LABEL: Record<SafetyFindingKind, string> = {
  SECRET: "Secret",
  PRIVATE_ARTIFACT_PATH: "Private path",
  PERSONAL_DATA: "Personal data",
};

export const ACTION_LABEL: Record<TicketExportAction, string> = {
  CREATED: "Created",
  UPDATED: "Updated",
  LINKED: "Linked",
  BLOCKED_DUPLICATE: "Blocked duplicate",
  FAILED: "Failed",
};

export const POLICY_LABEL: Record<DuplicatePolicy, string> = {
  UPDATE: "Update the linked ticket",
  BLOCK: "Block, leave the linked ticket alone",
};

/** The five ready and blocked states; `alarm` marks the one whose `true` stops an export. */
export const READINESS: readonly { key: Exclude<keyof ReadinessStatesFragment, "__typename">; label: string; alarm: boolean }[] = [
  { key: "portableReady", label: "Portable ready", alarm: false },
  { key: "providerUnavailable", label: "Provider unavailable", alarm: false },
  { key: "duplicateGuardReady", label: "Duplicate guard ready", alarm: false },
  { key: "importBoundaryClear", label: "Import boundary clear", alarm: false },
  { key: "unsafePreviewBlocked", label: "Unsafe preview blocked", alarm: true },
];

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatTime = (date: Date | string) => time.format(typeof date === "string" ? new Date(date) : date);

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "1 source", "3 sources". */
export const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
