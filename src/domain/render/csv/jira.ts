import type { ExportItem } from "../../export-item.js";
import type { Priority } from "../../vocabulary.js";
import { fitToLength } from "../fit-length.js";
import { TRACKER_TITLE_LENGTH, type ImportLimits } from "../import-limits.js";
import { jiraWikiOf } from "../markup/jira-wiki.js";
import { fingerprintFirst } from "../ticket-content.js";
import { descriptionLayout } from "../ticket-layout.js";
import type { CsvDialect } from "./csv-dialect.js";
import { workItemType } from "./tracker-values.js";

/**
 * Jira's importer takes one label per repeated "Labels" column, and the header is written before any row is seen, so
 * the number is fixed: the fingerprint label and up to nine others. Every label is also listed in the description.
 */
export const JIRA_LABEL_COLUMNS = 10;

/** Jira's CSV importer (Cloud and Data Center): what one file may hold. */
export const JIRA_IMPORT: ImportLimits = {
  tracker: "Jira",
  // The CSV importer open to every user takes 250 issues per file; administrators' importer takes more.
  maxItems: 250,
  maxTitleLength: TRACKER_TITLE_LENGTH,
  // Jira text fields hold at most 32,767 characters (jira.text.field.character.limit).
  maxDescriptionLength: 32_767,
  splittable: true,
};

const PRIORITY: Record<Priority, string> = { URGENT: "Highest", HIGH: "High", MEDIUM: "Medium", LOW: "Low" };

// Jira labels cannot hold spaces; the fingerprint label comes first so it is never the one left out.
function jiraLabels(item: ExportItem): string[] {
  const labels = fingerprintFirst(item).map((label) => label.trim().replace(/\s+/g, "-"));
  return [...new Set(labels.filter((label) => label !== ""))].slice(0, JIRA_LABEL_COLUMNS);
}

/** Jira's CSV importer: its system field names (no punctuation in the header), wiki markup in Description. */
export const jiraDialect: CsvDialect = {
  name: "jira",
  importer: JIRA_IMPORT,
  columns: [
    ["Summary", (_, content) => content.title],
    ["Issue Type", (item) => workItemType(item.sourceType)],
    ["Priority", (item) => PRIORITY[item.priority]],
    [
      "Description",
      (_, content) =>
        fitToLength(content, (fitted) => jiraWikiOf(descriptionLayout(fitted)), JIRA_IMPORT.maxDescriptionLength!, "Jira"),
    ],
    ...Array.from(
      { length: JIRA_LABEL_COLUMNS },
      (_, index) => ["Labels", (item: ExportItem) => jiraLabels(item)[index] ?? ""] as const,
    ),
  ],
};
