import type { Priority } from "../../vocabulary.js";
import { markdownOf } from "../markup/markdown.js";
import { plainTextOf } from "../markup/plain-text.js";
import { labelsWithFingerprint } from "../ticket-content.js";
import { descriptionLayout } from "../ticket-layout.js";
import { joinLabels, type Cell, type CsvDialect } from "./csv-dialect.js";
import { PRIORITY_WORDS, workItemType } from "./tracker-values.js";

// These importers ask the person importing to confirm each column's field; the names are the ones they propose.
const title: Cell = (_, content) => content.title;
const tags: Cell = (item) => joinLabels(labelsWithFingerprint(item), ",");

// Asana and ClickUp keep descriptions as typed, so theirs is plain text.
const plainTextTaskDialect = (name: string, titleHeader: string, priorities: Record<Priority, string>): CsvDialect => ({
  name,
  columns: [
    [titleHeader, title],
    ["Description", (_, content) => plainTextOf(descriptionLayout(content))],
    ["Priority", (item) => priorities[item.priority]],
    ["Tags", tags],
  ],
});

/** Asana's CSV importer: Name first (Asana takes the first column as the task name); Priority as a custom field. */
export const asanaDialect = plainTextTaskDialect("asana", "Name", PRIORITY_WORDS);

/** ClickUp's spreadsheet importer: Task Name (its one required field) and ClickUp's priority names. */
export const clickupDialect = plainTextTaskDialect("clickup", "Task Name", {
  URGENT: "Urgent",
  HIGH: "High",
  MEDIUM: "Normal",
  LOW: "Low",
});

const YOUTRACK_PRIORITY: Record<Priority, string> = {
  URGENT: "Critical",
  HIGH: "Major",
  MEDIUM: "Normal",
  LOW: "Minor",
};

/** YouTrack's CSV import: Summary, Markdown Description, and its default Type and Priority values. */
export const youtrackDialect: CsvDialect = {
  name: "youtrack",
  columns: [
    ["Summary", title],
    ["Description", (_, content) => markdownOf(descriptionLayout(content))],
    ["Type", (item) => workItemType(item.sourceType)],
    ["Priority", (item) => YOUTRACK_PRIORITY[item.priority]],
    ["Tags", tags],
  ],
};
