/** Deterministic report inputs for tests: `count` sources, alternating types and severities. */
export function reportInput(externalId: string, count = 3, overrides: Record<string, unknown> = {}) {
  const severities = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"];
  return {
    externalId,
    title: `Scan ${externalId}`,
    siteUrl: "https://shop.example.com",
    sources: Array.from({ length: count }, (_, index) => ({
      sourceType: index % 2 === 0 ? "REPORT_ISSUE" : "FIX_TASK",
      sourceId: `src-${index}`,
      title: `Finding ${index}`,
      severity: severities[index % severities.length],
      affectedUrl: `https://shop.example.com/page/${index}`,
      labels: ["web", `group-${index % 3}`],
      acceptanceCriteria: [`Criterion ${index}`],
      description: `Description of finding ${index}.`,
      evidenceLinks: [{ label: "Screenshot", url: `https://evidence.example.com/${index}.png` }],
    })),
    ...overrides,
  };
}

export const INGEST = /* GraphQL */ `
  mutation Ingest($input: IngestReportInput!) {
    ingestReport(input: $input) { id externalId title siteUrl }
  }
`;

export const SOURCES = /* GraphQL */ `
  query Sources($reportId: ID!, $first: Int, $after: String, $filter: ExportSourceFilter) {
    exportSources(reportId: $reportId, first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id sourceType sourceId title severity priority exportStatus remediationStatus
        labels acceptanceCriteria description evidenceLinks { label url }
        duplicateKey { id fingerprint label sourceType sourceId } } }
    }
  }
`;
