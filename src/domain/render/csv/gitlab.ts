import type { ExportItem } from "../../export-item.js";
import { markdownOf } from "../markup/markdown.js";
import { labelsWithFingerprint } from "../ticket-content.js";
import { descriptionLayout } from "../ticket-layout.js";
import type { CsvDialect } from "./csv-dialect.js";

// The one quick action this file runs, written by us after the description. A label loses the characters that could
// end its quotes or its line; user text cannot start a line with "/" (the Markdown writer escapes it).
function labelQuickAction(item: ExportItem): string {
  const labels = labelsWithFingerprint(item)
    .map((label) => label.replace(/["\r\n]/g, "").trim())
    .filter((label) => label !== "");
  return `/label ${[...new Set(labels)].map((label) => `~"${label}"`).join(" ")}`;
}

/** GitLab's issue importer: title and description (Markdown) in that order, labels by quick action. */
export const gitlabDialect: CsvDialect = {
  name: "gitlab",
  columns: [
    ["title", (_, content) => content.title],
    ["description", (item, content) => `${markdownOf(descriptionLayout(content))}\n${labelQuickAction(item)}\n`],
  ],
};
