import { cellUnder, csvRecords, rule, type ImportedTicket } from "./ticket.js";

// Azure Boards "Import, update, and export bulk work items with CSV files":
// https://learn.microsoft.com/azure/devops/boards/queries/import-work-items-from-csv
// (MicrosoftDocs/azure-devops-docs docs/boards/queries/import-work-items-from-csv.md)
export const AZURE_DEVOPS_RULES = {
  /** "You can import up to 1,000 work items at a time." */
  maxWorkItems: 1_000,
  /** System.Title holds 255 characters. */
  titleLength: 255,
  /** Work item types of the Agile process that CSV import supports (not Test Case, Test Plan, ...). */
  workItemTypes: ["Bug", "Task", "User Story", "Feature", "Epic", "Issue"],
  priorities: ["1", "2", "3", "4"],
  /** Microsoft.VSTS.Common.Severity, a field of Bug only. */
  severities: ["1 - Critical", "2 - High", "3 - Medium", "4 - Low"],
};

/** The work items Azure Boards' CSV import creates from `text`; throws ImportRefused where it would refuse. */
export function readAzureDevOpsImport(text: string): ImportedTicket[] {
  const [header, ...rows] = csvRecords(text);
  // "The file must contain the Work Item Type and the Title fields."
  rule(header.includes("Work Item Type") && header.includes("Title"), "Work Item Type and Title are required");
  // "Do not include the ID field" for new work items; "Do not include Assigned To, Changed Date, Created By, or State".
  for (const refused of ["ID", "Assigned To", "Changed Date", "Created By", "State"]) {
    rule(!header.includes(refused), `a new work item cannot set ${refused}`);
  }
  rule(rows.length <= AZURE_DEVOPS_RULES.maxWorkItems, `${rows.length} work items; import takes ${AZURE_DEVOPS_RULES.maxWorkItems}`);
  return rows.map((row, index) => {
    const at = `row ${index + 2}`;
    const type = cellUnder(header, row, "Work Item Type");
    rule(AZURE_DEVOPS_RULES.workItemTypes.includes(type), `${at}: "${type}" is not a work item type of the project`);
    const title = cellUnder(header, row, "Title");
    rule(title.trim() !== "" && title.length <= AZURE_DEVOPS_RULES.titleLength, `${at}: invalid Title`);
    const priority = cellUnder(header, row, "Priority");
    rule(priority === "" || AZURE_DEVOPS_RULES.priorities.includes(priority), `${at}: invalid Priority ${priority}`);
    const severity = cellUnder(header, row, "Severity");
    // A value for a field the work item type lacks is a data error to fix before saving.
    rule(severity === "" || (type === "Bug" && AZURE_DEVOPS_RULES.severities.includes(severity)), `${at}: invalid Severity`);
    return {
      title,
      description: cellUnder(header, row, "Description"),
      // "You can add multiple tags separated by a semicolon."
      labels: cellUnder(header, row, "Tags")
        .split(";")
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ""),
      fields: { "Work Item Type": type, Priority: priority, Severity: severity },
    };
  });
}
