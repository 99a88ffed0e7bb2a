import { TRACKER_TITLE_LENGTH, type ImportLimits } from "../import-limits.js";
import { markdownOf } from "../markup/markdown.js";
import { fingerprintFirst } from "../ticket-content.js";
import { descriptionLayout } from "../ticket-layout.js";
import { joinLabels, type CsvDialect } from "./csv-dialect.js";
import { PRIORITY_WORDS } from "./tracker-values.js";

/** Linear's CSV importer (`linear-import`, "Linear (CSV)"): no limit per file is documented. */
export const LINEAR_IMPORT: ImportLimits = { tracker: "Linear", maxTitleLength: TRACKER_TITLE_LENGTH, splittable: true };

/**
 * A label as Linear's importer reads it back from a cell it splits on ", ": whitespace collapsed and a comma never
 * followed by a space. (A "/" stays: Linear reads "group/label" as a label in a label group.)
 */
export const linearLabel = (label: string) =>
  label
    .replace(/\s+/g, " ")
    .replace(/, /g, ",")
    .trim();

// The importer replaces every `<img ... src="...">` it finds in the raw description with an image it uploads, escaped
// or not; a word joiner after "<" keeps such text from matching.
const withoutImageTags = (markdown: string) => markdown.replace(/<(img)/gi, "<\u2060$1");

/** Linear's CSV import, with the column names of Linear's CSV export: Markdown description, labels split on ", ". */
export const linearDialect: CsvDialect = {
  name: "linear",
  importer: LINEAR_IMPORT,
  columns: [
    ["Title", (_, content) => content.title],
    ["Description", (_, content) => withoutImageTags(markdownOf(descriptionLayout(content)))],
    ["Priority", (item) => PRIORITY_WORDS[item.priority]],
    ["Labels", (item) => joinLabels(fingerprintFirst(item), ", ", linearLabel)],
  ],
};
