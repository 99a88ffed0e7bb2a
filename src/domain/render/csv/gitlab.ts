import type { ExportItem } from "../../export-item.js";
import { TRACKER_TITLE_LENGTH, type ImportLimits } from "../import-limits.js";
import { markdownOf } from "../markup/markdown.js";
import { fingerprintFirst } from "../ticket-content.js";
import { descriptionLayout } from "../ticket-layout.js";
import type { CsvDialect } from "./csv-dialect.js";

/** GitLab's issue CSV import: what one file may hold. */
export const GITLAB_IMPORT: ImportLimits = {
  tracker: "GitLab",
  // GitLab.com takes files up to 10 MB; a self-managed instance its Max Attachment Size.
  maxBytes: 10 * 1024 * 1024,
  maxTitleLength: TRACKER_TITLE_LENGTH,
  splittable: true,
};

/**
 * A label as the `/label` quick action may carry it: letters, digits, combining marks, "-" and single spaces, every
 * other run of characters one "-". Whether GitLab runs the line or shows it as Markdown (a Reporter cannot set labels,
 * and other Markdown readers never run it), such a label is plain text: no quote to end, no link, image, HTML, emoji,
 * emphasis, reference or mention can start in it.
 */
export function quickActionLabel(label: string): string {
  return label
    .replace(/[^\p{L}\p{N}\p{M} -]+/gu, "-")
    .replace(/\s+/g, " ")
    .trim();
}

// The one quick action this file runs, written by us after the description. User text cannot start a line with "/"
// (the Markdown writer escapes it), so no other line is a command.
function labelQuickAction(item: ExportItem): string {
  const labels = [...new Set(fingerprintFirst(item).map(quickActionLabel).filter((label) => label !== ""))];
  return `/label ${labels.map((label) => `~"${label}"`).join(" ")}`;
}

/** GitLab's issue importer: title and description (Markdown) in that order, labels by quick action. */
export const gitlabDialect: CsvDialect = {
  name: "gitlab",
  importer: GITLAB_IMPORT,
  columns: [
    ["title", (_, content) => content.title],
    ["description", (item, content) => `${markdownOf(descriptionLayout(content))}\n${labelQuickAction(item)}\n`],
  ],
};
