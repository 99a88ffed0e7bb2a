/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ConnectProviderTargetInput = {
  /** API base URL, e.g. https://api.github.com or https://acme.atlassian.net. */
  baseUrl: string;
  /** Write-only: stored encrypted, never returned, logged or sent elsewhere. */
  credential: string;
  name: string;
  /** GitHub owner/repo, GitLab project id or path, Jira project key, Linear team key. */
  projectKey: string;
  provider: Provider;
};

export type DuplicatePolicy =
  | 'BLOCK'
  | 'UPDATE';

export type ExportFormat =
  | 'CSV_EXPORT'
  | 'JSON_EXPORT'
  | 'MARKDOWN_EXPORT'
  | 'PORTABLE_EXPORT';

export type ExportSourceFilter = {
  exportStatus?: Array<ExportStatus> | null | undefined;
  severity?: Array<Severity> | null | undefined;
  sourceType?: Array<SourceType> | null | undefined;
};

export type ExportStatus =
  | 'DUPLICATE_BLOCKED'
  | 'NOT_EXPORTED'
  | 'PORTABLE_DOWNLOADED'
  | 'PORTABLE_READY'
  | 'PROVIDER_EXPORTED'
  | 'PROVIDER_FAILED'
  | 'PROVIDER_LINKED'
  | 'PROVIDER_PENDING'
  | 'PROVIDER_UPDATED'
  | 'UNSAFE_BLOCKED';

export type ExportToProviderInput = {
  /** When a ticket is already linked to the source's duplicate key: UPDATE it, or BLOCK and leave it alone. */
  onDuplicate: DuplicatePolicy;
  /** Sources to deliver, up to 5,000; each is exported on its own. */
  sourceIds: Array<string>;
  targetId: string;
};

export type FallbackOutcome =
  | 'BLOCKED'
  | 'PORTABLE_FALLBACK'
  | 'PROVIDER_NATIVE';

export type FallbackReason =
  | 'PORTABLE_EXPORT_REQUIRED'
  | 'PROVIDER_DELIVERY_FAILING'
  | 'PROVIDER_ENDPOINT_UNSAFE'
  | 'PROVIDER_NATIVE_AVAILABLE'
  | 'PROVIDER_PATH_UNSUPPORTED'
  | 'PROVIDER_RATE_LIMITED'
  | 'PROVIDER_TARGET_REVOKED'
  | 'TICKET_EXPORT_PROVIDER_UNAVAILABLE'
  | 'UNSAFE_PREVIEW_BLOCKED';

export type PortableExportInput = {
  /** The requester acknowledges that the customer owns the downstream import. */
  acknowledgeImportBoundary: boolean;
  /** PORTABLE_EXPORT lets the service choose, and say why. */
  format: ExportFormat;
  /** Retries with the same key and input return the same export. */
  idempotencyKey?: string | null | undefined;
  /** The tracker the customer will import into. */
  intendedTracker?: Provider | null | undefined;
  /** Replace every safety finding with [redacted:<kind>] in the file. */
  redact?: boolean | null | undefined;
  /** Sources of one report, in the order the file lists them (up to 100,000). */
  sourceIds: Array<string>;
};

export type Priority =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM'
  | 'URGENT';

export type Provider =
  | 'ASANA'
  | 'AZURE_DEVOPS'
  | 'BITBUCKET'
  | 'CLICKUP'
  | 'GITHUB'
  | 'GITLAB'
  | 'JIRA'
  | 'LINEAR'
  | 'OTHER'
  | 'TRELLO'
  | 'YOUTRACK';

export type ProviderTargetState =
  | 'ACTIVE'
  | 'DISCONNECTED'
  | 'FAILING'
  | 'RATE_LIMITED'
  | 'REVOKED'
  | 'UNSAFE_ENDPOINT'
  | 'UNSUPPORTED';

export type RemediationStatus =
  | 'FIXED_VERIFIED'
  | 'IN_PROGRESS'
  | 'OPEN'
  | 'RISK_ACCEPTED';

export type SafetyFindingKind =
  | 'PERSONAL_DATA'
  | 'PRIVATE_ARTIFACT_PATH'
  | 'SECRET';

export type Severity =
  | 'CRITICAL'
  | 'HIGH'
  | 'INFO'
  | 'LOW'
  | 'MEDIUM';

export type SourceType =
  | 'FIX_TASK'
  | 'REPORT_ISSUE';

export type TicketExportAction =
  | 'BLOCKED_DUPLICATE'
  | 'CREATED'
  | 'FAILED'
  | 'LINKED'
  | 'UPDATED';

export type EvaluateFallbackMutationVariables = Exact<{
  sourceIds: Array<string> | string;
  requirePortable?: boolean | null | undefined;
  reason?: string | null | undefined;
}>;


export type EvaluateFallbackMutation = { evaluateFallback: Array<{ id: string, outcome: FallbackOutcome, reason: FallbackReason | null, detail: string, target: { name: string, provider: Provider, state: ProviderTargetState } | null, source: { id: string, sourceType: SourceType, sourceId: string, title: string, severity: Severity, priority: Priority, affectedUrl: string, exportStatus: ExportStatus, remediationStatus: RemediationStatus, safeEvidenceLinks: Array<{ label: string, url: string }>, readiness: { portableReady: boolean, providerUnavailable: boolean, duplicateGuardReady: boolean, importBoundaryClear: boolean, unsafePreviewBlocked: boolean }, duplicateKey: { fingerprint: string, label: string, providerTicket: { provider: Provider, key: string, url: string } | null }, fallbackDecision: { outcome: FallbackOutcome, reason: FallbackReason | null, detail: string } | null } }> };

export type PreviewExportMutationVariables = Exact<{
  input: PortableExportInput;
}>;


export type PreviewExportMutation = { previewPortableExport: { format: ExportFormat, formatReason: string, dialect: string, safe: boolean, sample: string, items: Array<{ exportStatus: ExportStatus, readiness: { portableReady: boolean, providerUnavailable: boolean, duplicateGuardReady: boolean, importBoundaryClear: boolean, unsafePreviewBlocked: boolean }, source: { id: string, sourceType: SourceType, sourceId: string, title: string }, duplicateKey: { fingerprint: string, label: string } }>, findings: Array<{ field: string, kind: SafetyFindingKind, rule: string, excerpt: string, source: { id: string, sourceId: string } }>, droppedEvidenceLinks: Array<{ field: string, reason: string, source: { id: string, sourceId: string } }> } };

export type CreateExportMutationVariables = Exact<{
  input: PortableExportInput;
}>;


export type CreateExportMutation = { createPortableExport: { id: string, fileName: string, format: ExportFormat, requestedFormat: ExportFormat, formatReason: string, dialect: string, intendedTracker: Provider | null, contentType: string, byteSize: number, sha256: string, rowCount: number, downloadUrl: string, downloadCount: number, createdAt: string, items: Array<{ exportStatus: ExportStatus, readiness: { portableReady: boolean, providerUnavailable: boolean, duplicateGuardReady: boolean, importBoundaryClear: boolean, unsafePreviewBlocked: boolean }, source: { id: string, sourceType: SourceType, sourceId: string, title: string }, duplicateKey: { fingerprint: string, label: string } }> } };

export type ExportFileQueryVariables = Exact<{
  id: string;
}>;


export type ExportFileQuery = { portableExport: { id: string, fileName: string, format: ExportFormat, requestedFormat: ExportFormat, formatReason: string, dialect: string, intendedTracker: Provider | null, contentType: string, byteSize: number, sha256: string, rowCount: number, downloadUrl: string, downloadCount: number, createdAt: string, items: Array<{ exportStatus: ExportStatus, readiness: { portableReady: boolean, providerUnavailable: boolean, duplicateGuardReady: boolean, importBoundaryClear: boolean, unsafePreviewBlocked: boolean }, source: { id: string, sourceType: SourceType, sourceId: string, title: string }, duplicateKey: { fingerprint: string, label: string } }> } | null };

export type ReportExportsQueryVariables = Exact<{
  reportId: string;
}>;


export type ReportExportsQuery = { portableExports: Array<{ id: string, fileName: string, format: ExportFormat, requestedFormat: ExportFormat, formatReason: string, dialect: string, intendedTracker: Provider | null, contentType: string, byteSize: number, sha256: string, rowCount: number, downloadUrl: string, downloadCount: number, createdAt: string }> };

export type ExportFileFragment = { id: string, fileName: string, format: ExportFormat, requestedFormat: ExportFormat, formatReason: string, dialect: string, intendedTracker: Provider | null, contentType: string, byteSize: number, sha256: string, rowCount: number, downloadUrl: string, downloadCount: number, createdAt: string };

export type ExportFileDetailFragment = { id: string, fileName: string, format: ExportFormat, requestedFormat: ExportFormat, formatReason: string, dialect: string, intendedTracker: Provider | null, contentType: string, byteSize: number, sha256: string, rowCount: number, downloadUrl: string, downloadCount: number, createdAt: string, items: Array<{ exportStatus: ExportStatus, readiness: { portableReady: boolean, providerUnavailable: boolean, duplicateGuardReady: boolean, importBoundaryClear: boolean, unsafePreviewBlocked: boolean }, source: { id: string, sourceType: SourceType, sourceId: string, title: string }, duplicateKey: { fingerprint: string, label: string } }> };

export type ExportItemFragment = { exportStatus: ExportStatus, readiness: { portableReady: boolean, providerUnavailable: boolean, duplicateGuardReady: boolean, importBoundaryClear: boolean, unsafePreviewBlocked: boolean }, source: { id: string, sourceType: SourceType, sourceId: string, title: string }, duplicateKey: { fingerprint: string, label: string } };

export type ProviderTargetsQueryVariables = Exact<{ [key: string]: never; }>;


export type ProviderTargetsQuery = { providerTargets: Array<{ id: string, provider: Provider, name: string, baseUrl: string, projectKey: string, state: ProviderTargetState, retryAfter: string | null, consecutiveFailures: number, lastError: string | null }> };

export type ConnectProviderTargetMutationVariables = Exact<{
  input: ConnectProviderTargetInput;
}>;


export type ConnectProviderTargetMutation = { connectProviderTarget: { id: string, provider: Provider, name: string, baseUrl: string, projectKey: string, state: ProviderTargetState, retryAfter: string | null, consecutiveFailures: number, lastError: string | null } };

export type DisconnectProviderTargetMutationVariables = Exact<{
  id: string;
}>;


export type DisconnectProviderTargetMutation = { disconnectProviderTarget: { id: string, provider: Provider, name: string, baseUrl: string, projectKey: string, state: ProviderTargetState, retryAfter: string | null, consecutiveFailures: number, lastError: string | null } };

export type ExportToProviderMutationVariables = Exact<{
  input: ExportToProviderInput;
}>;


export type ExportToProviderMutation = { exportToProvider: Array<{ id: string, action: TicketExportAction, externalKey: string | null, externalUrl: string | null, error: string | null, target: { name: string }, source: { id: string, sourceType: SourceType, sourceId: string, title: string, severity: Severity, priority: Priority, affectedUrl: string, exportStatus: ExportStatus, remediationStatus: RemediationStatus, safeEvidenceLinks: Array<{ label: string, url: string }>, readiness: { portableReady: boolean, providerUnavailable: boolean, duplicateGuardReady: boolean, importBoundaryClear: boolean, unsafePreviewBlocked: boolean }, duplicateKey: { fingerprint: string, label: string, providerTicket: { provider: Provider, key: string, url: string } | null }, fallbackDecision: { outcome: FallbackOutcome, reason: FallbackReason | null, detail: string } | null } }> };

export type TargetFragment = { id: string, provider: Provider, name: string, baseUrl: string, projectKey: string, state: ProviderTargetState, retryAfter: string | null, consecutiveFailures: number, lastError: string | null };

export type ReportsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type ReportsQuery = { reports: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, externalId: string, title: string, siteUrl: string, createdAt: string, exportStatusCounts: Array<{ status: ExportStatus, count: number }> } }> } };

export type ReportQueryVariables = Exact<{
  id: string;
}>;


export type ReportQuery = { report: { id: string, externalId: string, title: string, siteUrl: string, createdAt: string, exportStatusCounts: Array<{ status: ExportStatus, count: number }> } | null };

export type ReportSummaryFragment = { id: string, externalId: string, title: string, siteUrl: string, createdAt: string, exportStatusCounts: Array<{ status: ExportStatus, count: number }> };

export type NextPageFragment = { hasNextPage: boolean, endCursor: string | null };

export type SessionQueryVariables = Exact<{ [key: string]: never; }>;


export type SessionQuery = { session: { organization: string, role: string } };

export type ReportSourcesQueryVariables = Exact<{
  reportId: string;
  first: number;
  after?: string | null | undefined;
  filter?: ExportSourceFilter | null | undefined;
}>;


export type ReportSourcesQuery = { exportSources: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, sourceType: SourceType, sourceId: string, title: string, severity: Severity, priority: Priority, affectedUrl: string, exportStatus: ExportStatus, remediationStatus: RemediationStatus, safeEvidenceLinks: Array<{ label: string, url: string }>, readiness: { portableReady: boolean, providerUnavailable: boolean, duplicateGuardReady: boolean, importBoundaryClear: boolean, unsafePreviewBlocked: boolean }, duplicateKey: { fingerprint: string, label: string, providerTicket: { provider: Provider, key: string, url: string } | null }, fallbackDecision: { outcome: FallbackOutcome, reason: FallbackReason | null, detail: string } | null } }> } };

export type SourceRowFragment = { id: string, sourceType: SourceType, sourceId: string, title: string, severity: Severity, priority: Priority, affectedUrl: string, exportStatus: ExportStatus, remediationStatus: RemediationStatus, safeEvidenceLinks: Array<{ label: string, url: string }>, readiness: { portableReady: boolean, providerUnavailable: boolean, duplicateGuardReady: boolean, importBoundaryClear: boolean, unsafePreviewBlocked: boolean }, duplicateKey: { fingerprint: string, label: string, providerTicket: { provider: Provider, key: string, url: string } | null }, fallbackDecision: { outcome: FallbackOutcome, reason: FallbackReason | null, detail: string } | null };

export type ReadinessStatesFragment = { portableReady: boolean, providerUnavailable: boolean, duplicateGuardReady: boolean, importBoundaryClear: boolean, unsafePreviewBlocked: boolean };

export type RecentStatusEventsQueryVariables = Exact<{
  reportId: string;
  last: number;
}>;


export type RecentStatusEventsQuery = { exportStatusEvents: Array<{ cursor: string, from: ExportStatus | null, to: ExportStatus, cause: string, at: string, source: { id: string, sourceType: SourceType, sourceId: string, exportStatus: ExportStatus } }> };

export type StatusChangedSubscriptionVariables = Exact<{
  reportId: string;
  after?: string | null | undefined;
}>;


export type StatusChangedSubscription = { exportStatusChanged: { cursor: string, from: ExportStatus | null, to: ExportStatus, cause: string, at: string, source: { id: string, sourceType: SourceType, sourceId: string, exportStatus: ExportStatus } } };

export type TimelineEventFragment = { cursor: string, from: ExportStatus | null, to: ExportStatus, cause: string, at: string, source: { id: string, sourceType: SourceType, sourceId: string, exportStatus: ExportStatus } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ExportFileFragmentDoc = new TypedDocumentString(`
    fragment ExportFile on PortableExport {
  id
  fileName
  format
  requestedFormat
  formatReason
  dialect
  intendedTracker
  contentType
  byteSize
  sha256
  rowCount
  downloadUrl
  downloadCount
  createdAt
}
    `, {"fragmentName":"ExportFile"}) as unknown as TypedDocumentString<ExportFileFragment, unknown>;
export const ReadinessStatesFragmentDoc = new TypedDocumentString(`
    fragment ReadinessStates on Readiness {
  portableReady
  providerUnavailable
  duplicateGuardReady
  importBoundaryClear
  unsafePreviewBlocked
}
    `, {"fragmentName":"ReadinessStates"}) as unknown as TypedDocumentString<ReadinessStatesFragment, unknown>;
export const ExportItemFragmentDoc = new TypedDocumentString(`
    fragment ExportItem on PortableExportItem {
  exportStatus
  readiness {
    ...ReadinessStates
  }
  source {
    id
    sourceType
    sourceId
    title
  }
  duplicateKey {
    fingerprint
    label
  }
}
    fragment ReadinessStates on Readiness {
  portableReady
  providerUnavailable
  duplicateGuardReady
  importBoundaryClear
  unsafePreviewBlocked
}`, {"fragmentName":"ExportItem"}) as unknown as TypedDocumentString<ExportItemFragment, unknown>;
export const ExportFileDetailFragmentDoc = new TypedDocumentString(`
    fragment ExportFileDetail on PortableExport {
  ...ExportFile
  items {
    ...ExportItem
  }
}
    fragment ExportFile on PortableExport {
  id
  fileName
  format
  requestedFormat
  formatReason
  dialect
  intendedTracker
  contentType
  byteSize
  sha256
  rowCount
  downloadUrl
  downloadCount
  createdAt
}
fragment ExportItem on PortableExportItem {
  exportStatus
  readiness {
    ...ReadinessStates
  }
  source {
    id
    sourceType
    sourceId
    title
  }
  duplicateKey {
    fingerprint
    label
  }
}
fragment ReadinessStates on Readiness {
  portableReady
  providerUnavailable
  duplicateGuardReady
  importBoundaryClear
  unsafePreviewBlocked
}`, {"fragmentName":"ExportFileDetail"}) as unknown as TypedDocumentString<ExportFileDetailFragment, unknown>;
export const TargetFragmentDoc = new TypedDocumentString(`
    fragment Target on ProviderTarget {
  id
  provider
  name
  baseUrl
  projectKey
  state
  retryAfter
  consecutiveFailures
  lastError
}
    `, {"fragmentName":"Target"}) as unknown as TypedDocumentString<TargetFragment, unknown>;
export const ReportSummaryFragmentDoc = new TypedDocumentString(`
    fragment ReportSummary on Report {
  id
  externalId
  title
  siteUrl
  createdAt
  exportStatusCounts {
    status
    count
  }
}
    `, {"fragmentName":"ReportSummary"}) as unknown as TypedDocumentString<ReportSummaryFragment, unknown>;
export const NextPageFragmentDoc = new TypedDocumentString(`
    fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
    `, {"fragmentName":"NextPage"}) as unknown as TypedDocumentString<NextPageFragment, unknown>;
export const SourceRowFragmentDoc = new TypedDocumentString(`
    fragment SourceRow on ExportSource {
  id
  sourceType
  sourceId
  title
  severity
  priority
  affectedUrl
  exportStatus
  remediationStatus
  safeEvidenceLinks {
    label
    url
  }
  readiness {
    ...ReadinessStates
  }
  duplicateKey {
    fingerprint
    label
    providerTicket {
      provider
      key
      url
    }
  }
  fallbackDecision {
    outcome
    reason
    detail
  }
}
    fragment ReadinessStates on Readiness {
  portableReady
  providerUnavailable
  duplicateGuardReady
  importBoundaryClear
  unsafePreviewBlocked
}`, {"fragmentName":"SourceRow"}) as unknown as TypedDocumentString<SourceRowFragment, unknown>;
export const TimelineEventFragmentDoc = new TypedDocumentString(`
    fragment TimelineEvent on ExportStatusEvent {
  cursor
  from
  to
  cause
  at
  source {
    id
    sourceType
    sourceId
    exportStatus
  }
}
    `, {"fragmentName":"TimelineEvent"}) as unknown as TypedDocumentString<TimelineEventFragment, unknown>;
export const EvaluateFallbackDocument = new TypedDocumentString(`
    mutation EvaluateFallback($sourceIds: [ID!]!, $requirePortable: Boolean, $reason: String) {
  evaluateFallback(
    sourceIds: $sourceIds
    requirePortable: $requirePortable
    reason: $reason
  ) {
    id
    outcome
    reason
    detail
    target {
      name
      provider
      state
    }
    source {
      ...SourceRow
    }
  }
}
    fragment SourceRow on ExportSource {
  id
  sourceType
  sourceId
  title
  severity
  priority
  affectedUrl
  exportStatus
  remediationStatus
  safeEvidenceLinks {
    label
    url
  }
  readiness {
    ...ReadinessStates
  }
  duplicateKey {
    fingerprint
    label
    providerTicket {
      provider
      key
      url
    }
  }
  fallbackDecision {
    outcome
    reason
    detail
  }
}
fragment ReadinessStates on Readiness {
  portableReady
  providerUnavailable
  duplicateGuardReady
  importBoundaryClear
  unsafePreviewBlocked
}`) as unknown as TypedDocumentString<EvaluateFallbackMutation, EvaluateFallbackMutationVariables>;
export const PreviewExportDocument = new TypedDocumentString(`
    mutation PreviewExport($input: PortableExportInput!) {
  previewPortableExport(input: $input) {
    format
    formatReason
    dialect
    safe
    sample
    items {
      ...ExportItem
    }
    findings {
      field
      kind
      rule
      excerpt
      source {
        id
        sourceId
      }
    }
    droppedEvidenceLinks {
      field
      reason
      source {
        id
        sourceId
      }
    }
  }
}
    fragment ExportItem on PortableExportItem {
  exportStatus
  readiness {
    ...ReadinessStates
  }
  source {
    id
    sourceType
    sourceId
    title
  }
  duplicateKey {
    fingerprint
    label
  }
}
fragment ReadinessStates on Readiness {
  portableReady
  providerUnavailable
  duplicateGuardReady
  importBoundaryClear
  unsafePreviewBlocked
}`) as unknown as TypedDocumentString<PreviewExportMutation, PreviewExportMutationVariables>;
export const CreateExportDocument = new TypedDocumentString(`
    mutation CreateExport($input: PortableExportInput!) {
  createPortableExport(input: $input) {
    ...ExportFileDetail
  }
}
    fragment ExportFile on PortableExport {
  id
  fileName
  format
  requestedFormat
  formatReason
  dialect
  intendedTracker
  contentType
  byteSize
  sha256
  rowCount
  downloadUrl
  downloadCount
  createdAt
}
fragment ExportFileDetail on PortableExport {
  ...ExportFile
  items {
    ...ExportItem
  }
}
fragment ExportItem on PortableExportItem {
  exportStatus
  readiness {
    ...ReadinessStates
  }
  source {
    id
    sourceType
    sourceId
    title
  }
  duplicateKey {
    fingerprint
    label
  }
}
fragment ReadinessStates on Readiness {
  portableReady
  providerUnavailable
  duplicateGuardReady
  importBoundaryClear
  unsafePreviewBlocked
}`) as unknown as TypedDocumentString<CreateExportMutation, CreateExportMutationVariables>;
export const ExportFileDocument = new TypedDocumentString(`
    query ExportFile($id: ID!) {
  portableExport(id: $id) {
    ...ExportFileDetail
  }
}
    fragment ExportFile on PortableExport {
  id
  fileName
  format
  requestedFormat
  formatReason
  dialect
  intendedTracker
  contentType
  byteSize
  sha256
  rowCount
  downloadUrl
  downloadCount
  createdAt
}
fragment ExportFileDetail on PortableExport {
  ...ExportFile
  items {
    ...ExportItem
  }
}
fragment ExportItem on PortableExportItem {
  exportStatus
  readiness {
    ...ReadinessStates
  }
  source {
    id
    sourceType
    sourceId
    title
  }
  duplicateKey {
    fingerprint
    label
  }
}
fragment ReadinessStates on Readiness {
  portableReady
  providerUnavailable
  duplicateGuardReady
  importBoundaryClear
  unsafePreviewBlocked
}`) as unknown as TypedDocumentString<ExportFileQuery, ExportFileQueryVariables>;
export const ReportExportsDocument = new TypedDocumentString(`
    query ReportExports($reportId: ID!) {
  portableExports(reportId: $reportId) {
    ...ExportFile
  }
}
    fragment ExportFile on PortableExport {
  id
  fileName
  format
  requestedFormat
  formatReason
  dialect
  intendedTracker
  contentType
  byteSize
  sha256
  rowCount
  downloadUrl
  downloadCount
  createdAt
}`) as unknown as TypedDocumentString<ReportExportsQuery, ReportExportsQueryVariables>;
export const ProviderTargetsDocument = new TypedDocumentString(`
    query ProviderTargets {
  providerTargets {
    ...Target
  }
}
    fragment Target on ProviderTarget {
  id
  provider
  name
  baseUrl
  projectKey
  state
  retryAfter
  consecutiveFailures
  lastError
}`) as unknown as TypedDocumentString<ProviderTargetsQuery, ProviderTargetsQueryVariables>;
export const ConnectProviderTargetDocument = new TypedDocumentString(`
    mutation ConnectProviderTarget($input: ConnectProviderTargetInput!) {
  connectProviderTarget(input: $input) {
    ...Target
  }
}
    fragment Target on ProviderTarget {
  id
  provider
  name
  baseUrl
  projectKey
  state
  retryAfter
  consecutiveFailures
  lastError
}`) as unknown as TypedDocumentString<ConnectProviderTargetMutation, ConnectProviderTargetMutationVariables>;
export const DisconnectProviderTargetDocument = new TypedDocumentString(`
    mutation DisconnectProviderTarget($id: ID!) {
  disconnectProviderTarget(id: $id) {
    ...Target
  }
}
    fragment Target on ProviderTarget {
  id
  provider
  name
  baseUrl
  projectKey
  state
  retryAfter
  consecutiveFailures
  lastError
}`) as unknown as TypedDocumentString<DisconnectProviderTargetMutation, DisconnectProviderTargetMutationVariables>;
export const ExportToProviderDocument = new TypedDocumentString(`
    mutation ExportToProvider($input: ExportToProviderInput!) {
  exportToProvider(input: $input) {
    id
    action
    externalKey
    externalUrl
    error
    target {
      name
    }
    source {
      ...SourceRow
    }
  }
}
    fragment SourceRow on ExportSource {
  id
  sourceType
  sourceId
  title
  severity
  priority
  affectedUrl
  exportStatus
  remediationStatus
  safeEvidenceLinks {
    label
    url
  }
  readiness {
    ...ReadinessStates
  }
  duplicateKey {
    fingerprint
    label
    providerTicket {
      provider
      key
      url
    }
  }
  fallbackDecision {
    outcome
    reason
    detail
  }
}
fragment ReadinessStates on Readiness {
  portableReady
  providerUnavailable
  duplicateGuardReady
  importBoundaryClear
  unsafePreviewBlocked
}`) as unknown as TypedDocumentString<ExportToProviderMutation, ExportToProviderMutationVariables>;
export const ReportsDocument = new TypedDocumentString(`
    query Reports($first: Int!, $after: String) {
  reports(first: $first, after: $after) {
    totalCount
    pageInfo {
      ...NextPage
    }
    edges {
      node {
        ...ReportSummary
      }
    }
  }
}
    fragment ReportSummary on Report {
  id
  externalId
  title
  siteUrl
  createdAt
  exportStatusCounts {
    status
    count
  }
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}`) as unknown as TypedDocumentString<ReportsQuery, ReportsQueryVariables>;
export const ReportDocument = new TypedDocumentString(`
    query Report($id: ID!) {
  report(id: $id) {
    ...ReportSummary
  }
}
    fragment ReportSummary on Report {
  id
  externalId
  title
  siteUrl
  createdAt
  exportStatusCounts {
    status
    count
  }
}`) as unknown as TypedDocumentString<ReportQuery, ReportQueryVariables>;
export const SessionDocument = new TypedDocumentString(`
    query Session {
  session {
    organization
    role
  }
}
    `) as unknown as TypedDocumentString<SessionQuery, SessionQueryVariables>;
export const ReportSourcesDocument = new TypedDocumentString(`
    query ReportSources($reportId: ID!, $first: Int!, $after: String, $filter: ExportSourceFilter) {
  exportSources(
    reportId: $reportId
    first: $first
    after: $after
    filter: $filter
  ) {
    totalCount
    pageInfo {
      ...NextPage
    }
    edges {
      node {
        ...SourceRow
      }
    }
  }
}
    fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
fragment SourceRow on ExportSource {
  id
  sourceType
  sourceId
  title
  severity
  priority
  affectedUrl
  exportStatus
  remediationStatus
  safeEvidenceLinks {
    label
    url
  }
  readiness {
    ...ReadinessStates
  }
  duplicateKey {
    fingerprint
    label
    providerTicket {
      provider
      key
      url
    }
  }
  fallbackDecision {
    outcome
    reason
    detail
  }
}
fragment ReadinessStates on Readiness {
  portableReady
  providerUnavailable
  duplicateGuardReady
  importBoundaryClear
  unsafePreviewBlocked
}`) as unknown as TypedDocumentString<ReportSourcesQuery, ReportSourcesQueryVariables>;
export const RecentStatusEventsDocument = new TypedDocumentString(`
    query RecentStatusEvents($reportId: ID!, $last: Int!) {
  exportStatusEvents(reportId: $reportId, last: $last) {
    ...TimelineEvent
  }
}
    fragment TimelineEvent on ExportStatusEvent {
  cursor
  from
  to
  cause
  at
  source {
    id
    sourceType
    sourceId
    exportStatus
  }
}`) as unknown as TypedDocumentString<RecentStatusEventsQuery, RecentStatusEventsQueryVariables>;
export const StatusChangedDocument = new TypedDocumentString(`
    subscription StatusChanged($reportId: ID!, $after: String) {
  exportStatusChanged(reportId: $reportId, after: $after) {
    ...TimelineEvent
  }
}
    fragment TimelineEvent on ExportStatusEvent {
  cursor
  from
  to
  cause
  at
  source {
    id
    sourceType
    sourceId
    exportStatus
  }
}`) as unknown as TypedDocumentString<StatusChangedSubscription, StatusChangedSubscriptionVariables>;