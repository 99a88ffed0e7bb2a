import type { ExportSourceFilter, ExportStatus, Severity, SourceRowFragment, SourceType } from "../gql/graphql";
import { ChoiceSelect, Fingerprint, OutLink, ReadinessList, StatusBadge } from "../ui/components";
import {
  EXPORT_STATUSES,
  OUTCOME_LABEL,
  REASON_LABEL,
  SEVERITIES,
  SEVERITY_LABEL,
  SOURCE_TYPES,
  SOURCE_TYPE_LABEL,
  STATUS_LABEL,
} from "../ui/labels";

export interface Filters {
  severity: Severity | "";
  sourceType: SourceType | "";
  exportStatus: ExportStatus | "";
}

export const NO_FILTERS: Filters = { severity: "", sourceType: "", exportStatus: "" };

/** The API filter for the chosen values; null when nothing is filtered. */
export function toApiFilter(filters: Filters): ExportSourceFilter | null {
  const filter: ExportSourceFilter = {
    ...(filters.severity && { severity: [filters.severity] }),
    ...(filters.sourceType && { sourceType: [filters.sourceType] }),
    ...(filters.exportStatus && { exportStatus: [filters.exportStatus] }),
  };
  return Object.keys(filter).length ? filter : null;
}

export function SourceFilters({ filters, onChange }: { filters: Filters; onChange(filters: Filters): void }) {
  return (
    <fieldset class="filters">
      <legend>Filter sources</legend>
      <ChoiceSelect
        id="filter-severity"
        label="Severity"
        value={filters.severity}
        options={SEVERITIES}
        labels={SEVERITY_LABEL}
        empty="All"
        onChange={(severity) => onChange({ ...filters, severity })}
      />
      <ChoiceSelect
        id="filter-type"
        label="Source type"
        value={filters.sourceType}
        options={SOURCE_TYPES}
        labels={SOURCE_TYPE_LABEL}
        empty="All"
        onChange={(sourceType) => onChange({ ...filters, sourceType })}
      />
      <ChoiceSelect
        id="filter-status"
        label="Export status"
        value={filters.exportStatus}
        options={EXPORT_STATUSES}
        labels={STATUS_LABEL}
        empty="All"
        onChange={(exportStatus) => onChange({ ...filters, exportStatus })}
      />
    </fieldset>
  );
}

interface TableProps {
  rows: SourceRowFragment[];
  selected: ReadonlyMap<string, SourceRowFragment>;
  onToggle(rows: SourceRowFragment[], selected: boolean): void;
}

/** A report's sources with everything a person checks before exporting one; a table at 1280 px, cards at 390 px. */
export function SourceTable({ rows, selected, onToggle }: TableProps) {
  const allShown = rows.length > 0 && rows.every((row) => selected.has(row.id));
  return (
    <table class="sources">
      <caption class="visually-hidden">Sources of this report</caption>
      <thead>
        <tr>
          <th scope="col" class="col-select">
            <input
              type="checkbox"
              aria-label="Select every source shown"
              checked={allShown}
              disabled={rows.length === 0}
              onChange={(event) => onToggle(rows, event.currentTarget.checked)}
            />
          </th>
          <th scope="col">Source</th>
          <th scope="col" class="col-severity">Severity</th>
          <th scope="col">Affected URL and evidence</th>
          <th scope="col" class="col-readiness">Ready and blocked states</th>
          <th scope="col" class="col-status">Export status</th>
          <th scope="col" class="col-fingerprint">Fingerprint</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-source-id={row.sourceId} class={selected.has(row.id) ? "selected" : undefined}>
            <td class="col-select">
              <input
                type="checkbox"
                id={`select-${row.id}`}
                aria-label={`Select ${SOURCE_TYPE_LABEL[row.sourceType].toLowerCase()} ${row.sourceId}`}
                checked={selected.has(row.id)}
                onChange={(event) => onToggle([row], event.currentTarget.checked)}
              />
            </td>
            <td data-label="Source">
              <span class="source-type">{SOURCE_TYPE_LABEL[row.sourceType]}</span> <code class="source-id">{row.sourceId}</code>
              <span class="source-title">{row.title}</span>
              {row.fallbackDecision && (
                <span class="decision">
                  {OUTCOME_LABEL[row.fallbackDecision.outcome]}
                  {row.fallbackDecision.reason && `: ${REASON_LABEL[row.fallbackDecision.reason]}`}
                </span>
              )}
            </td>
            <td data-label="Severity" class="col-severity">
              <span class={`severity severity-${row.severity.toLowerCase()}`}>{SEVERITY_LABEL[row.severity]}</span>
            </td>
            <td data-label="Affected URL and evidence">
              <span class="url">{row.affectedUrl}</span>
              {row.safeEvidenceLinks.length > 0 && (
                <ul class="evidence">
                  {row.safeEvidenceLinks.map((link) => (
                    <li key={link.url}>
                      <OutLink url={link.url}>{link.label}</OutLink>
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td data-label="Ready and blocked states" class="col-readiness">
              <ReadinessList readiness={row.readiness} />
            </td>
            <td data-label="Export status" class="col-status">
              <StatusBadge status={row.exportStatus} />
              {row.duplicateKey.providerTicket && (
                <span class="ticket">
                  <OutLink url={row.duplicateKey.providerTicket.url}>{row.duplicateKey.providerTicket.key}</OutLink>
                </span>
              )}
            </td>
            <td data-label="Fingerprint" class="col-fingerprint">
              <Fingerprint label={row.duplicateKey.label} fingerprint={row.duplicateKey.fingerprint} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
