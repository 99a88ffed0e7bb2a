import { markdownOf } from "../markup/markdown.js";
import { labelsWithFingerprint } from "../ticket-content.js";
import { descriptionLayout } from "../ticket-layout.js";
import { joinLabels, type CsvDialect } from "./csv-dialect.js";
import { PRIORITY_WORDS } from "./tracker-values.js";

/** Linear's CSV import, with the column names of Linear's CSV export: Markdown description, comma-separated labels. */
export const linearDialect: CsvDialect = {
  name: "linear",
  columns: [
    ["Title", (_, content) => content.title],
    ["Description", (_, content) => markdownOf(descriptionLayout(content))],
    ["Priority", (item) => PRIORITY_WORDS[item.priority]],
    ["Labels", (item) => joinLabels(labelsWithFingerprint(item), ",")],
  ],
};
