import { csvRecords, ImportRefused, rule, type ImportedTicket } from "./ticket.js";

// YouTrack "Import from CSV" (Cloud and Server): the file is uploaded to a Google spreadsheet, which YouTrack imports.
// https://www.jetbrains.com/help/youtrack/cloud/import-from-csv.html
export const YOUTRACK_RULES = {
  /** A Google Sheets cell holds at most 50,000 characters (https://support.google.com/docs/answer/37603). */
  cellLength: 50_000,
  /** "Columns with names matching standard YouTrack issue attributes" are not imported (advanced mode list). */
  reserved: ["tags", "links", "attachments", "comments", "watchers", "updated", "voters"],
  /** The types a column may declare in parentheses ("Custom Field Mapping"). */
  fieldTypes: ["string", "text", "float", "integer", "state", "enum", "version", "enum multi", "build", "ownedField", "user", "group", "date and time", "date", "period"],
  /** "$type$" values of advanced mode. */
  entityTypes: ["issue", "link", "comment", "attachment"],
};

// Google Sheets' CSV import converts text to numbers, dates and formulas by default: a cell starting with "=" is a
// formula, "+" or "-" a signed number or formula, "@" a function reference.
const FORMULA_START = /^[=+\-@]/;

/**
 * The issues YouTrack imports from `text` (advanced mode when the header has `$type$`), with each custom field
 * column under its name without the type. Tags cannot be imported (a reserved column), so `labels` is empty.
 */
export function readYoutrackImport(text: string): ImportedTicket[] {
  const records = csvRecords(text);
  for (const cell of records.flat()) {
    rule(cell.length <= YOUTRACK_RULES.cellLength, "a cell longer than a Google Sheets cell holds");
    rule(!FORMULA_START.test(cell), `Google Sheets would read a formula or number from ${JSON.stringify(cell.slice(0, 20))}`);
  }
  const [header, ...rows] = records;
  // "When processing column names, YouTrack is case-insensitive."
  const names = header.map((name) => name.toLowerCase());
  const at = (row: string[], name: string) => row[names.indexOf(name)] ?? "";
  const advanced = names.includes("$type$");
  // "Each imported sheet must contain a column named Summary"; advanced mode also needs $type$ and ID.
  rule(names.includes("summary"), "the sheet has no Summary column");
  if (advanced) rule(names.includes("id"), "advanced mode needs an ID column");
  const custom = header.flatMap((name, index) => {
    if (["$type$", "id", "summary", "description", "author", "created"].includes(names[index])) return [];
    if (YOUTRACK_RULES.reserved.includes(names[index])) return [];
    const typed = /^(.*?) \(([^)]+)\)$/.exec(name);
    if (typed && !YOUTRACK_RULES.fieldTypes.includes(typed[2])) throw new ImportRefused(`unknown field type ${typed[2]}`);
    return [{ index, field: typed ? typed[1] : name }];
  });
  const ids = new Set<string>();
  return rows
    .filter((row) => !advanced || at(row, "$type$") === "issue")
    .map((row, index) => {
      if (advanced) {
        // "Each entry must have an ID value."
        const id = at(row, "id");
        rule(id !== "" && !ids.has(id), `row ${index + 2}: missing or repeated ID ${id}`);
        ids.add(id);
      }
      const title = at(row, "summary");
      rule(title !== "", `row ${index + 2}: "Each data row must have a value in this column"`);
      const fields = Object.fromEntries(custom.map(({ index: column, field }) => [field, row[column]]));
      return { title, description: at(row, "description"), labels: [], fields: advanced ? { ...fields, ID: at(row, "id") } : fields };
    });
}
