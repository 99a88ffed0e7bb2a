import { BITBUCKET_ISSUES_DIALECT, JSON_DIALECT, MARKDOWN_DIALECT } from "./render/index.js";
import type { ExportFormat, FileFormat, Provider, SourceType } from "./vocabulary.js";

export interface FormatChoice {
  format: FileFormat;
  dialect: string;
  /** One sentence a person understands, recorded on the export. */
  reason: string;
}

/** How each tracker is named in a sentence. */
export const PROVIDER_NAMES: Readonly<Record<Provider, string>> = {
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
  OTHER: "the other tracker",
};

/** The trackers whose own CSV importer has a dialect here, and that dialect. */
export const TRACKER_CSV_DIALECTS: Readonly<Partial<Record<Provider, string>>> = {
  JIRA: "jira",
  GITLAB: "gitlab",
  AZURE_DEVOPS: "azure-devops",
  LINEAR: "linear",
  YOUTRACK: "youtrack",
  ASANA: "asana",
  CLICKUP: "clickup",
};

const csv = (dialect: string, reason: string): FormatChoice => ({ format: "CSV_EXPORT", dialect, reason });
const markdown = (reason: string): FormatChoice => ({ format: "MARKDOWN_EXPORT", dialect: MARKDOWN_DIALECT, reason });

function trackerCsv(tracker: Provider, requested: boolean): FormatChoice | null {
  const dialect = TRACKER_CSV_DIALECTS[tracker];
  if (dialect === undefined) return null;
  const name = PROVIDER_NAMES[tracker];
  return csv(
    dialect,
    requested
      ? `CSV was requested, in ${name}'s column layout so that ${name}'s CSV importer maps it without manual work.`
      : `${name} imports CSV, so the file is a CSV in ${name}'s column layout, ready for its importer.`,
  );
}

/** Trackers without a file importer, and what they call a ticket. */
const PASTE_TRACKERS: Readonly<Partial<Record<Provider, string>>> = { GITHUB: "issues", TRELLO: "cards" };

const paste = (opening: string) =>
  markdown(`${opening}, so the file holds one Markdown section per source to paste, each with its duplicate guard line.`);

// Bitbucket Cloud's importer takes an archive, but an import replaces every issue the repository's tracker holds, so
// the archive is written only when asked for by name (JSON_EXPORT for BITBUCKET).
const BITBUCKET_PASTE =
  "Bitbucket Cloud imports issues only by replacing every issue in the repository's tracker (ask for JSON to get " +
  "that archive's db-2.0.json)";

// PORTABLE_EXPORT: the file the intended tracker can take in with the least work.
function portableChoice(tracker: Provider | null, sources: { sourceType: SourceType }[]): FormatChoice {
  if (tracker === null) {
    return sources.length === 1
      ? markdown("No tracker was named and there is one source, so the file is one Markdown ticket body to paste.")
      : csv(
          "generic-excel",
          "No tracker was named, so the file is a CSV for spreadsheet review, with every field in its own column " +
            "and a byte order mark so that Excel reads it as UTF-8.",
        );
  }
  const trackerChoice = trackerCsv(tracker, false);
  if (trackerChoice !== null) return trackerChoice;
  const tickets = PASTE_TRACKERS[tracker];
  if (tickets !== undefined) return paste(`${PROVIDER_NAMES[tracker]} has no file importer for ${tickets}`);
  if (tracker === "BITBUCKET") return paste(BITBUCKET_PASTE);
  return csv(
    "generic",
    "Most trackers import CSV and map columns by name, so the file is a CSV with every field in its own column.",
  );
}

/**
 * The format, dialect and reason of a portable export. PORTABLE_EXPORT picks by the rule in docs/formats.md; an
 * explicit CSV, Markdown or JSON request keeps its format: CSV takes the intended tracker's dialect when the tracker
 * imports CSV (the generic dialect otherwise), JSON for Bitbucket is its issue-import document.
 */
export function chooseFormat(
  requested: ExportFormat,
  intendedTracker: Provider | null,
  sources: { sourceType: SourceType }[],
): FormatChoice {
  switch (requested) {
    case "PORTABLE_EXPORT":
      return portableChoice(intendedTracker, sources);
    case "CSV_EXPORT":
      return (
        (intendedTracker === null ? null : trackerCsv(intendedTracker, true)) ??
        csv(
          "generic",
          "CSV was requested, with every field in its own column since no tracker-specific layout applies.",
        )
      );
    case "MARKDOWN_EXPORT":
      return markdown("Markdown was requested: one ticket body per source, to paste into any tracker.");
    case "JSON_EXPORT":
      return intendedTracker === "BITBUCKET"
        ? {
            format: "JSON_EXPORT",
            dialect: BITBUCKET_ISSUES_DIALECT,
            reason:
              "JSON was requested for Bitbucket Cloud, so the file is the db-2.0.json its issue import reads from a " +
              "zip archive; importing it replaces every issue already in the repository's tracker.",
          }
        : {
            format: "JSON_EXPORT",
            dialect: JSON_DIALECT,
            reason:
              "JSON was requested: a versioned document described by the published JSON Schema, for import scripts.",
          };
  }
}
