import { cellUnder, csvRecords, rule, type ImportedTicket } from "./ticket.js";

// ClickUp "Prepare a data file for import" (Spreadsheet importer):
// https://help.clickup.com/hc/en-us/articles/6310821748759
export const CLICKUP_RULES = {
  /** "There is a 10,000-row limit for imported spreadsheets." */
  maxRows: 10_000,
  priorities: ["Urgent", "High", "Normal", "Low"],
};

/** The tasks ClickUp's Spreadsheet importer creates from `text`; throws ImportRefused where it would refuse. */
export function readClickupImport(text: string): ImportedTicket[] {
  const [header, ...rows] = csvRecords(text);
  // "Each column header must be unique."
  rule(new Set(header).size === header.length, "repeated column headers");
  rule(rows.length <= CLICKUP_RULES.maxRows, `${rows.length} rows; the importer takes ${CLICKUP_RULES.maxRows}`);
  return rows.map((row, index) => {
    const at = `row ${index + 2}`;
    // "The only required field is Task Name."
    const title = cellUnder(header, row, "Task Name");
    rule(title.trim() !== "", `${at}: Task Name is required`);
    const priority = cellUnder(header, row, "Priority");
    rule(priority === "" || CLICKUP_RULES.priorities.includes(priority), `${at}: unknown priority ${priority}`);
    // "Separate multiple items in one cell by any delimiter, such as commas ..., without spaces between the items and
    // the delimiter."
    const tags = cellUnder(header, row, "Tags");
    const labels = tags === "" ? [] : tags.split(",");
    rule(labels.every((tag) => tag !== "" && tag === tag.trim()), `${at}: a space beside a tag delimiter: ${tags}`);
    const fields = Object.fromEntries(
      header.filter((name) => !["Task Name", "Description", "Tags"].includes(name)).map((name) => [name, cellUnder(header, row, name)]),
    );
    return { title, description: cellUnder(header, row, "Description"), labels, fields };
  });
}
