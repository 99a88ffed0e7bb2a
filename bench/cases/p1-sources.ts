import { graphql, type Bench } from "../setup.js";
import { percentile, round, timeEach, atMostRatio, type Result } from "../stats.js";

const QUERY = /* GraphQL */ `
  query Page($reportId: ID!) {
    exportSources(reportId: $reportId, first: 100) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id sourceType sourceId title severity priority exportStatus
          fallbackDecision { id outcome reason detail decidedAt }
          duplicateKey { id fingerprint label }
          portableExports { id format dialect createdAt }
          ticketExports { id action error createdAt }
        }
      }
    }
  }
`;

/** The same page as one hand-written statement that builds the response JSON in PostgreSQL. */
const HAND_WRITTEN = (bench: Bench, reportId: string) => bench.sql`
  select json_build_object(
    'totalCount', (select count(*) from export_sources where report_id = ${reportId}),
    'edges', coalesce(json_agg(json_build_object('cursor', s.seq, 'node', json_build_object(
      'id', s.id, 'sourceType', s.source_type, 'sourceId', s.source_id, 'title', s.title, 'severity', s.severity,
      'priority', s.priority, 'exportStatus', s.export_status,
      'fallbackDecision', (select json_build_object('id', d.id, 'outcome', d.outcome, 'reason', d.reason,
          'detail', d.detail, 'decidedAt', d.decided_at)
        from fallback_decisions d where d.export_source_id = s.id order by d.seq desc limit 1),
      'duplicateKey', (select json_build_object('id', k.id, 'fingerprint', k.fingerprint, 'label', k.label)
        from duplicate_keys k where k.id = s.duplicate_key_id),
      'portableExports', (select coalesce(json_agg(json_build_object('id', e.id, 'format', e.format,
          'dialect', e.dialect, 'createdAt', e.created_at) order by e.created_at desc), '[]')
        from portable_exports e where e.id in (select i.portable_export_id from portable_export_items i where i.export_source_id = s.id)),
      'ticketExports', (select coalesce(json_agg(json_build_object('id', t.id, 'action', t.action, 'error', t.error,
          'createdAt', t.created_at) order by t.seq), '[]') from ticket_exports t where t.export_source_id = s.id)
    )) order by s.seq), '[]')
  ) as page
  from (select * from export_sources where report_id = ${reportId} order by seq limit 100) s`;

/** P1: a page of 100 sources with every nested list: SQL statements per request, and latency against one statement. */
export async function benchSourcePage(bench: Bench, reportId: string, runs: number): Promise<Result[]> {
  await graphql(bench, QUERY, { reportId });
  const before = bench.statements.count;
  const page = await graphql(bench, QUERY, { reportId });
  const statements = bench.statements.count - before;
  if (page.exportSources.edges.length !== 100) throw new Error("P1 expects a page of 100 sources");

  const ours = await timeEach(runs, () => graphql(bench, QUERY, { reportId }));
  const handWritten = await timeEach(runs, () => HAND_WRITTEN(bench, reportId));
  return [
    {
      id: "P1",
      metric: "sql statements per request",
      value: statements,
      baseline: 1,
      ratio: round(statements),
      target: "value <= 5",
      met: statements <= 5,
    },
    atMostRatio("P1", "p50 latency ms (vs one hand-written SQL statement)", percentile(ours, 50), percentile(handWritten, 50), 2),
  ];
}
