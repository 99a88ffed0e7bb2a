import type { ExportItem } from "../../export-item.js";
import type { Priority } from "../../vocabulary.js";
import { jiraWikiOf } from "../markup/jira-wiki.js";
import { descriptionLayout } from "../ticket-layout.js";
import type { CsvDialect } from "./csv-dialect.js";
import { workItemType } from "./tracker-values.js";

/**
 * Jira's importer takes one label per repeated "Labels" column, and the header is written before any row is seen, so
 * the number is fixed: the fingerprint label and up to nine others. Every label is also listed in the description.
 */
export const JIRA_LABEL_COLUMNS = 10;

const PRIORITY: Record<Priority, string> = { URGENT: "Highest", HIGH: "High", MEDIUM: "Medium", LOW: "Low" };

// Jira labels cannot hold spaces; the fingerprint label comes first so it is never the one left out.
function jiraLabels(item: ExportItem): string[] {
  const labels = [item.fingerprintLabel, ...item.labels].map((label) => label.trim().replace(/\s+/g, "-"));
  return [...new Set(labels.filter((label) => label !== ""))].slice(0, JIRA_LABEL_COLUMNS);
}

/** Jira's CSV importer: its system field names, wiki markup in Description. */
export const jiraDialect: CsvDialect = {
  name: "jira",
  columns: [
    ["Summary", (_, content) => content.title],
    ["Issue Type", (item) => workItemType(item.sourceType)],
    ["Priority", (item) => PRIORITY[item.priority]],
    ["Description", (_, content) => jiraWikiOf(descriptionLayout(content))],
    ...Array.from(
      { length: JIRA_LABEL_COLUMNS },
      (_, index) => ["Labels", (item: ExportItem) => jiraLabels(item)[index] ?? ""] as const,
    ),
  ],
};
