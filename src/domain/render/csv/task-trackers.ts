import type { Priority, Severity } from "../../vocabulary.js";
import { TRACKER_TITLE_LENGTH, type ImportLimits } from "../import-limits.js";
import { plainTextOf } from "../markup/plain-text.js";
import { fingerprintFirst } from "../ticket-content.js";
import { descriptionLayout } from "../ticket-layout.js";
import { joinLabels, type Cell, type CsvDialect } from "./csv-dialect.js";
import { PRIORITY_WORDS } from "./tracker-values.js";

// These importers ask the person importing to confirm each column's field; the names are the ones they propose.
const title: Cell = (_, content) => content.title;
// Asana and ClickUp keep descriptions as typed, so theirs is plain text, starting with the duplicate guard line.
const description: Cell = (_, content) => plainTextOf(descriptionLayout(content));

const SEVERITY_WORDS: Record<Severity, string> = {
  CRITICAL: "Critical",
  HIGH: "High",
  MEDIUM: "Medium",
  LOW: "Low",
  INFO: "Info",
};
const severity: Cell = (item) => SEVERITY_WORDS[item.severity];

/** Asana's CSV importer: no limit per file is documented. */
export const ASANA_IMPORT: ImportLimits = { tracker: "Asana", maxTitleLength: TRACKER_TITLE_LENGTH, splittable: true };

/**
 * Asana's CSV importer: Name first (Asana takes the first column as the task name) and Description. It imports no tags
 * (so the fingerprint label travels as the first line of the description); Priority and Severity become custom fields
 * on the plans that import custom fields.
 */
export const asanaDialect: CsvDialect = {
  name: "asana",
  importer: ASANA_IMPORT,
  columns: [
    ["Name", title],
    ["Description", description],
    ["Priority", (item) => PRIORITY_WORDS[item.priority]],
    ["Severity", severity],
  ],
};

/** ClickUp's Spreadsheet importer takes 10,000 rows per file. */
export const CLICKUP_IMPORT: ImportLimits = {
  tracker: "ClickUp",
  maxItems: 10_000,
  maxTitleLength: TRACKER_TITLE_LENGTH,
  splittable: true,
};

const CLICKUP_PRIORITY: Record<Priority, string> = { URGENT: "Urgent", HIGH: "High", MEDIUM: "Normal", LOW: "Low" };

/**
 * ClickUp's Spreadsheet importer: Task Name (its one required field), ClickUp's priority names, tags separated by ","
 * with no space beside it (its documented multi-value cell), Severity for a custom field.
 */
export const clickupDialect: CsvDialect = {
  name: "clickup",
  importer: CLICKUP_IMPORT,
  columns: [
    ["Task Name", title],
    ["Description", description],
    ["Priority", (item) => CLICKUP_PRIORITY[item.priority]],
    ["Tags", (item) => joinLabels(fingerprintFirst(item), ",")],
    ["Severity", severity],
  ],
};
