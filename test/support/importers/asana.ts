import { cellUnder, csvRecords, rule, type ImportedTicket } from "./ticket.js";

// Asana's CSV importer: https://asana.com/guide/help/api/csv-importer ("Name" is the task name, the leftmost column
// when none is mapped; "Description" the task description; other columns custom fields on paid plans). Projects and
// tags cannot be set by the import (Asana's importer field list), so labels never arrive.
export function readAsanaImport(text: string): ImportedTicket[] {
  const [header, ...rows] = csvRecords(text);
  const nameColumn = header.includes("Name") ? header.indexOf("Name") : 0;
  const customFields = header.filter((name, index) => index !== nameColumn && !["Description", "Tags"].includes(name));
  return rows.map((row, index) => {
    const title = row[nameColumn];
    rule(title.trim() !== "", `row ${index + 2}: a task needs a name`);
    return {
      title,
      description: cellUnder(header, row, "Description"),
      labels: [],
      fields: Object.fromEntries(customFields.map((name) => [name, cellUnder(header, row, name)])),
    };
  });
}
