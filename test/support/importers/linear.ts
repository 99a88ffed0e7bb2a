import { cellUnder, csvRecords, rule, type ImportedTicket } from "./ticket.js";

// Linear's open-source importer, linear/linear packages/import/src/importers/linearCsv/LinearCsvImporter.ts (its
// "Linear (CSV)" importer, run by `linear-import`), which reads the file with csvtojson's defaults.
export const LINEAR_RULES = {
  /** mapPriority: any other value imports as "No priority". */
  priorities: ["No priority", "Urgent", "High", "Medium", "Low"],
};

/** stripLeadingSingleQuote (line 108): the quote Linear's CSV export puts before a formula character is removed. */
const stripLeadingSingleQuote = (input: string) => input.replace(/^'([+\-=@∑√∏<>＜＞≤≥＝≠±÷×])/, "$1");

// replaceImagesInMarkdown (packages/import/src/utils/replaceImages.ts) uploads the target of each of these and puts an
// image in its place, escaped in the Markdown or not.
const IMAGE_MD = /!\[(.*?)\]\((https?:\/\/.*?)\)/g;
const IMAGE_TAG = /<img.*?src="(.*?)".*?>/g;

/** The issues Linear's CSV importer creates from `text`, with `fields.images` counting images it would make. */
export function readLinearImport(text: string): ImportedTicket[] {
  // csvtojson's default `trim: true` trims every cell.
  const [header, ...rows] = csvRecords(text, { trim: true });
  return rows
    .filter((row) => cellUnder(header, row, "Archived") === "")
    .map((row, index) => {
      const title = stripLeadingSingleQuote(cellUnder(header, row, "Title"));
      // issueCreate needs a title.
      rule(title !== "", `row ${index + 2}: an issue needs a title`);
      const description = stripLeadingSingleQuote(cellUnder(header, row, "Description"));
      const labelsCell = cellUnder(header, row, "Labels");
      const priority = cellUnder(header, row, "Priority");
      return {
        title,
        description,
        // Line 72: row.Labels.split(", "), empty names dropped.
        labels: labelsCell === "" ? [] : labelsCell.split(", ").filter((label) => label !== ""),
        fields: {
          Priority: LINEAR_RULES.priorities.includes(priority) ? priority : "No priority",
          images: String([...description.matchAll(IMAGE_MD)].length + [...description.matchAll(IMAGE_TAG)].length),
        },
      };
    });
}
