import { createHash } from "node:crypto";
import type { TestServer } from "./server.js";
import { INGEST } from "./fixtures.js";

/** Every field of a portable export snapshot that the suites assert. */
export const EXPORT_FIELDS = /* GraphQL */ `
  id requestedFormat format formatReason dialect intendedTracker fileName contentType byteSize sha256 rowCount
  downloadUrl downloadCount createdAt report { id externalId }
  items { exportStatus source { id sourceId sourceType exportStatus remediationStatus } duplicateKey { id fingerprint label } }
`;

export const CREATE_EXPORT = /* GraphQL */ `
  mutation Create($input: PortableExportInput!) { createPortableExport(input: $input) { ${EXPORT_FIELDS} } }
`;

export const EXPORT_BY_ID = /* GraphQL */ `
  query One($id: ID!) { portableExport(id: $id) { ${EXPORT_FIELDS} } }
`;

export const EXPORTS_OF_REPORT = /* GraphQL */ `
  query Many($reportId: ID!) { portableExports(reportId: $reportId) { id downloadCount } }
`;

export const SOURCE_STATES = /* GraphQL */ `
  query States($reportId: ID!) {
    exportSources(reportId: $reportId, first: 100) { edges { node { id sourceId exportStatus remediationStatus
      duplicateKey { fingerprint label } } } }
  }
`;

export const EVALUATE = /* GraphQL */ `
  mutation Evaluate($sourceIds: [ID!]!, $requirePortable: Boolean, $reason: String) {
    evaluateFallback(sourceIds: $sourceIds, requirePortable: $requirePortable, reason: $reason) { outcome reason }
  }
`;

export interface IngestedSource {
  id: string;
  sourceId: string;
  exportStatus: string;
  remediationStatus: string;
  duplicateKey: { fingerprint: string; label: string };
}

/** Ingests `input` and returns the report id with its sources in ingest order. */
export async function ingest(api: TestServer, token: string, input: unknown) {
  const { ingestReport } = await api.ok(token, INGEST, { input });
  return { reportId: ingestReport.id as string, sources: await sourceStates(api, token, ingestReport.id) };
}

/** The report's sources as they stand now, in ingest order. */
export async function sourceStates(api: TestServer, token: string, reportId: string): Promise<IngestedSource[]> {
  const { exportSources } = await api.ok(token, SOURCE_STATES, { reportId });
  return exportSources.edges.map((edge: { node: IngestedSource }) => edge.node);
}

export interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** The body as UTF-8 text. */
  text: string;
  /** The body parsed as JSON when the response says it is JSON, else undefined. */
  json: any;
}

/** GET /exports/:id/download with the bearer token (none when null) and any extra headers. */
export async function download(
  api: TestServer,
  token: string | null,
  exportId: string,
  headers: Record<string, string> = {},
): Promise<Download> {
  const response = await fetch(`${api.url}/exports/${encodeURIComponent(exportId)}/download`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString("utf8");
  const isJson = (response.headers.get("content-type") ?? "").startsWith("application/json");
  let json: unknown;
  if (isJson && bytes.length > 0) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: response.status, headers: response.headers, bytes, text, json };
}

export const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

/** The number of rows a SQL count query returned, whatever the driver's number type. */
export async function count(api: TestServer, statement: Parameters<TestServer["server"]["services"]["database"]["rows"]>[0]) {
  const [row] = await api.server.services.database.rows<{ n: number | string }>(statement);
  return Number(row.n);
}
