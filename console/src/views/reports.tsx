import { useConsole } from "../context";
import { ReportsDocument } from "../gql/graphql";
import { followLink, reportPath } from "../router";
import { ErrorMessage } from "../ui/components";
import { count, formatDateTime } from "../ui/labels";
import { usePageHeading } from "./page-heading";
import { usePages } from "./use-pages";
import { StatusCounts } from "./status-counts";

const PAGE = 20;

export function Reports() {
  const { call } = useConsole();
  const heading = usePageHeading("Reports");
  const { rows: reports, total, loading, error, more } = usePages(async (after) => {
    const { reports: page } = await call(ReportsDocument, { first: PAGE, after });
    return { ...page, nodes: page.edges.map((edge) => edge.node) };
  }, []);

  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        Reports
      </h1>
      <p class="lede" aria-live="polite">
        {total === null ? "Loading reports…" : total === 0 ? "No reports yet: ingest one with the ingestReport mutation." : `${count(total, "report")}, newest first.`}
      </p>
      {error !== null && <ErrorMessage error={error} />}
      <ul class="report-list">
        {reports.map((report) => (
          <li key={report.id} class="report-card">
            <h2>
              <a href={reportPath(report.id)} onClick={(event) => followLink(event, reportPath(report.id))}>
                {report.title}
              </a>
            </h2>
            <p class="meta">
              <span>{report.siteUrl}</span> · <span>scan {report.externalId}</span> · <span>{formatDateTime(report.createdAt)}</span>
            </p>
            <StatusCounts counts={report.exportStatusCounts} caption={`Sources of ${report.title} per export status`} />
          </li>
        ))}
      </ul>
      {more && (
        <button type="button" class="secondary" disabled={loading} onClick={more}>
          {loading ? "Loading…" : "Show more reports"}
        </button>
      )}
    </section>
  );
}
