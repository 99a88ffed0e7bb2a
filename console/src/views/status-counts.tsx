import type { ReportSummaryFragment } from "../gql/graphql";
import { EXPORT_STATUSES, STATUS_LABEL } from "../ui/labels";

/** Sources per export status, every status in flow order (zeros too), so the block keeps its size as counts change. */
export function StatusCounts({ counts, caption }: { counts: ReportSummaryFragment["exportStatusCounts"]; caption: string }) {
  const byStatus = new Map(counts.map(({ status, count }) => [status, count]));
  return (
    <dl class="counts" aria-label={caption}>
      {EXPORT_STATUSES.map((status) => {
        const count = byStatus.get(status) ?? 0;
        return (
          <div key={status} class={count ? "count" : "count zero"} data-status={status}>
            <dt>{STATUS_LABEL[status]}</dt>
            {/* Keyed: a new number is a new node, never digits sliding as the width changes. */}
            <dd key={count}>{count}</dd>
          </div>
        );
      })}
    </dl>
  );
}
