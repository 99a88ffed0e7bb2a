import { useEffect, useRef, useState } from "preact/hooks";
import { useConsole } from "../context";
import {
  ReportDocument,
  ReportSourcesDocument,
  type ReportSummaryFragment,
  type SourceRowFragment,
  type TimelineEventFragment,
} from "../gql/graphql";
import { followLink } from "../router";
import { roleAllows } from "../session";
import { Alert, ErrorMessage } from "../ui/components";
import { count, formatDateTime } from "../ui/labels";
import { ExportFiles } from "./export-files";
import { ExportFlow } from "./export-flow";
import { NativeExport } from "./native-export";
import { NotFound } from "./not-found";
import { usePageHeading } from "./page-heading";
import { usePages } from "./use-pages";
import { NO_FILTERS, SourceFilters, SourceTable, toApiFilter, type Filters } from "./sources";
import { StatusCounts } from "./status-counts";
import { Step } from "./step";
import { Timeline } from "./timeline";

const PAGE = 50;

/** Replaces the rows of `fresh` (by id) in `rows`, leaving the others. */
function merge(rows: SourceRowFragment[], fresh: SourceRowFragment[]): SourceRowFragment[] {
  const byId = new Map(fresh.map((row) => [row.id, row]));
  return rows.map((row) => byId.get(row.id) ?? row);
}

/** A live event's move applied to the counts per status, so they follow without a refetch. */
function moveCount(counts: ReportSummaryFragment["exportStatusCounts"], event: TimelineEventFragment) {
  const next = new Map(counts.map(({ status, count }) => [status, count]));
  if (event.from) next.set(event.from, Math.max(0, (next.get(event.from) ?? 0) - 1));
  next.set(event.to, (next.get(event.to) ?? 0) + 1);
  return [...next].map(([status, count]) => ({ status, count }));
}

/** `/reports/:id/ticket-exports`: a report's sources and the seven steps from selection to a later native export. */
export function ReportPage({ reportId }: { reportId: string }) {
  const { call, session } = useConsole();
  const [report, setReport] = useState<ReportSummaryFragment | null | undefined>(undefined);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selected, setSelected] = useState<ReadonlyMap<string, SourceRowFragment>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [filesVersion, setFilesVersion] = useState(0);
  const heading = usePageHeading(report ? report.title : "Report");
  const canOperate = roleAllows(session.role, "operator");

  useEffect(() => {
    call(ReportDocument, { id: reportId })
      .then((data) => setReport(data.report ?? null))
      .catch(setError);
  }, [reportId]);

  const sources = usePages(async (after) => {
    const { exportSources } = await call(ReportSourcesDocument, { reportId, first: PAGE, after, filter: toApiFilter(filters) });
    return { ...exportSources, nodes: exportSources.edges.map((edge) => edge.node) };
  }, [reportId, filters]);
  const { rows, setRows, total, loading, more } = sources;

  const refreshSources = (fresh: SourceRowFragment[]) => {
    setRows((shown) => merge(shown, fresh));
    setSelected((current) => new Map([...current].map(([id, row]) => [id, fresh.find((one) => one.id === id) ?? row])));
  };

  const toggle = (changed: SourceRowFragment[], on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      for (const row of changed) {
        if (on) next.set(row.id, row);
        else next.delete(row.id);
      }
      return next;
    });

  // A file made or downloaded anywhere changes the list of files: one refresh for a burst of such events.
  const filesRefresh = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(filesRefresh.current), []);

  const onEvent = (event: TimelineEventFragment) => {
    if (/^(portable-export|download):/.test(event.cause)) {
      clearTimeout(filesRefresh.current);
      filesRefresh.current = setTimeout(() => setFilesVersion((version) => version + 1), 300);
    }
    const patch = (row: SourceRowFragment) => (row.id === event.source.id ? { ...row, exportStatus: event.source.exportStatus } : row);
    setRows((shown) => shown.map(patch));
    setSelected((current) => (current.has(event.source.id) ? new Map([...current].map(([id, row]) => [id, patch(row)])) : current));
    setReport((shown) => shown && { ...shown, exportStatusCounts: moveCount(shown.exportStatusCounts, event) });
  };

  if (report === null) return <NotFound title="Report not found">No report with this id in {session.organization}.</NotFound>;

  const chosen = [...selected.values()];
  return (
    <div class="report-page">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/" onClick={(event) => followLink(event, "/")}>
          Reports
        </a>
      </nav>
      <h1 ref={heading} tabIndex={-1}>
        {report ? report.title : "Loading report…"}
      </h1>
      {report && (
        <>
          <p class="meta">
            {report.siteUrl} · scan {report.externalId} · {formatDateTime(report.createdAt)}
          </p>
          <StatusCounts counts={report.exportStatusCounts} caption="Sources per export status" />
        </>
      )}
      {!canOperate && (
        <Alert kind="info">
          <strong>Read only.</strong> Your token has the {session.role} role: you can look, follow live changes and download
          files. Decisions, files and native exports need an operator token; sign out and sign in with one.
        </Alert>
      )}
      {[error, sources.error].map((problem, index) => problem !== null && <ErrorMessage key={index} error={problem} />)}
      <div class="report-layout">
        <ol class="steps">
          <Step number={1} title="Select sources" done={selected.size > 0} locked={null}>
            <SourceFilters filters={filters} onChange={setFilters} />
            <p class="selection" aria-live="polite">
              {loading ? "Loading sources…" : `${rows.length} of ${count(total ?? 0, "source")} shown`} · <strong>{selected.size} selected</strong>
              {selected.size > 0 && (
                <>
                  {" "}
                  <button type="button" class="link" onClick={() => setSelected(new Map())}>
                    Clear selection
                  </button>
                </>
              )}
            </p>
            <div class="table-scroll">
              <SourceTable rows={rows} selected={selected} onToggle={toggle} />
            </div>
            {!loading && rows.length === 0 && <p>No source matches these filters.</p>}
            {more && (
              <button type="button" class="secondary" disabled={loading} onClick={more}>
                Show more sources
              </button>
            )}
          </Step>
          <ExportFlow
            selected={chosen}
            canOperate={canOperate}
            onSources={refreshSources}
            onFileCreated={() => setFilesVersion((version) => version + 1)}
          />
          <NativeExport selected={chosen} canOperate={canOperate} onSources={refreshSources} />
        </ol>
        <aside class="side">
          <Timeline reportId={reportId} onEvent={onEvent} />
        </aside>
      </div>
      <ExportFiles reportId={reportId} refresh={filesVersion} />
    </div>
  );
}
