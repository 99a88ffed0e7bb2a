import { cellUnder, cellsUnder, csvRecords, rule, type ImportedTicket } from "./ticket.js";

// Jira Cloud "Create issues using the CSV importer":
// https://support.atlassian.com/jira-software-cloud/docs/create-issues-using-the-csv-importer/
export const JIRA_RULES = {
  /** The CSV importer open to non-admins takes 250 issues per file (issue 14; the admin importer takes more). */
  maxIssues: 250,
  /** Summary is a 255-character field; text fields hold 32,767 characters (jira.text.field.character.limit). */
  summaryLength: 255,
  textLength: 32_767,
  /** The default priority scheme and the issue types of a Jira Software project. */
  priorities: ["Highest", "High", "Medium", "Low", "Lowest"],
  issueTypes: ["Bug", "Task", "Story", "Epic"],
};

/** The issues Jira's CSV importer creates from `text`; throws ImportRefused where it would refuse the file. */
export function readJiraImport(text: string): ImportedTicket[] {
  // "CSV files must be well-formed" and "You can't omit commas for empty column values": strict parsing.
  const [header, ...rows] = csvRecords(text);
  // "Each CSV file must possess a heading row with a summary column."
  rule(header.includes("Summary"), "the header has no Summary column");
  // "The header row should avoid containing any punctuation (apart from the commas separating each column)."
  rule(header.every((name) => /^[\p{L}\p{N} ]+$/u.test(name)), `punctuation in the header: ${header.join(",")}`);
  rule(rows.length <= JIRA_RULES.maxIssues, `${rows.length} issues in one file; the CSV importer takes ${JIRA_RULES.maxIssues}`);
  return rows.map((row, index) => {
    const at = `row ${index + 2}`;
    const title = cellUnder(header, row, "Summary");
    rule(title.trim() !== "", `${at}: Summary is required`);
    rule(title.length <= JIRA_RULES.summaryLength, `${at}: Summary longer than ${JIRA_RULES.summaryLength}`);
    const description = cellUnder(header, row, "Description");
    rule(description.length <= JIRA_RULES.textLength, `${at}: Description longer than ${JIRA_RULES.textLength}`);
    // Multiple values of a field are repeated columns of one name; a label cannot contain a space.
    const labels = cellsUnder(header, row, "Labels").filter((label) => label !== "");
    rule(labels.every((label) => !/\s/.test(label)), `${at}: a label with a space: ${labels.join(" | ")}`);
    const fields = { "Issue Type": cellUnder(header, row, "Issue Type"), Priority: cellUnder(header, row, "Priority") };
    rule(JIRA_RULES.issueTypes.includes(fields["Issue Type"]), `${at}: unknown issue type ${fields["Issue Type"]}`);
    rule(JIRA_RULES.priorities.includes(fields.Priority), `${at}: unknown priority ${fields.Priority}`);
    return { title, description, labels, fields };
  });
}
