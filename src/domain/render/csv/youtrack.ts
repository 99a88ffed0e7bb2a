import type { Priority } from "../../vocabulary.js";
import { fitToLength } from "../fit-length.js";
import { TRACKER_TITLE_LENGTH, type ImportLimits } from "../import-limits.js";
import { markdownOf } from "../markup/markdown.js";
import { descriptionLayout } from "../ticket-layout.js";
import type { CsvDialect } from "./csv-dialect.js";
import { workItemType } from "./tracker-values.js";

/**
 * YouTrack's CSV import (Cloud and Server) reads the file through a Google spreadsheet: a cell holds at most 50,000
 * characters there, and no limit on rows is documented.
 */
export const YOUTRACK_IMPORT: ImportLimits = {
  tracker: "YouTrack",
  maxTitleLength: TRACKER_TITLE_LENGTH,
  maxDescriptionLength: 50_000,
  splittable: true,
};

const PRIORITY: Record<Priority, string> = { URGENT: "Critical", HIGH: "Major", MEDIUM: "Normal", LOW: "Minor" };

/**
 * YouTrack's "Import from CSV" in advanced mode: `$type$` issue, ID (the fingerprint label, unique per source, so a
 * re-import through the same import updates the issue instead of adding one), Summary, Markdown Description, and the
 * default project fields Type and Priority typed as enums. Tags is a reserved column YouTrack does not import, so
 * labels are listed in the description.
 */
export const youtrackDialect: CsvDialect = {
  name: "youtrack",
  importer: YOUTRACK_IMPORT,
  columns: [
    ["$type$", () => "issue"],
    ["ID", (item) => item.fingerprintLabel],
    ["Summary", (_, content) => content.title],
    [
      "Description",
      (_, content) =>
        fitToLength(content, (fitted) => markdownOf(descriptionLayout(fitted)), YOUTRACK_IMPORT.maxDescriptionLength!, "YouTrack"),
    ],
    ["Type (enum)", (item) => workItemType(item.sourceType)],
    ["Priority (enum)", (item) => PRIORITY[item.priority]],
  ],
};
