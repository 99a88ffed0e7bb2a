import { cellUnder, csvRecords, ImportRefused, rule, type ImportedTicket } from "./ticket.js";

// GitLab's issue CSV import: doc/user/project/issues/csv_import.md and the services it describes,
// gitlabhq/gitlabhq app/services/import_csv/base_service.rb and app/services/issuable/import_csv/base_service.rb.
export const GITLAB_RULES = {
  /** "File size": on GitLab.com the file may be at most 10 MB. */
  maxBytes: 10 * 1024 * 1024,
  /** Issue titles are validated to 255 characters (Issuable). */
  titleLength: 255,
};

/** Ruby CSV's `header_converters: :symbol`: downcased, punctuation dropped, spaces to "_". */
const symbolHeader = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^\s\w]+/g, "")
    .trim()
    .replace(/\s+/g, "_");

/** A quick action line as GitLab's extractor finds it: "/" and a command name at the start of a line. */
const COMMAND = /^\/(\w+)(?:[ ]+(.*))?$/;

/** The quick actions in `description` outside fenced code, and the description without their lines. */
export function quickActions(description: string): { commands: { name: string; argument: string }[]; rest: string } {
  const commands: { name: string; argument: string }[] = [];
  const kept: string[] = [];
  let fenced = false;
  for (const line of description.split("\n")) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    const match = fenced ? null : COMMAND.exec(line);
    if (match) commands.push({ name: match[1], argument: match[2] ?? "" });
    else kept.push(line);
  }
  return { commands, rest: kept.join("\n") };
}

/** The labels a `/label` argument names: `~"with spaces"` or `~word`. */
export const labelsOfQuickAction = (argument: string) =>
  [...argument.matchAll(/~"([^"]*)"|~(\S+)/g)].map((match) => match[1] ?? match[2]);

/**
 * The issues GitLab's CSV import creates from `text`, with the labels its `/label` quick actions name (GitLab applies
 * those that exist in the project). Throws ImportRefused where GitLab reports a parse error or an error line.
 */
export function readGitlabImport(text: string): ImportedTicket[] {
  rule(Buffer.byteLength(text) <= GITLAB_RULES.maxBytes, "the file is larger than 10 MB");
  const firstLine = text.split("\n")[0];
  // validate_headers_presence!: the downcased first line must contain "title" and "description".
  rule(/title/.test(firstLine.toLowerCase()) && /description/.test(firstLine.toLowerCase()), "missing required headers");
  // detect_col_sep: "," if the header has one, else ";", else TAB, else a parse error.
  const delimiter = [",", ";", "\t"].find((separator) => firstLine.includes(separator));
  if (delimiter === undefined) throw new ImportRefused("Invalid CSV format");
  const [rawHeader, ...rows] = csvRecords(text, { delimiter });
  const header = rawHeader.map(symbolHeader);
  return rows.map((row, index) => {
    const at = `line ${index + 2}`;
    const title = cellUnder(header, row, "title");
    // Issues::CreateService refuses an issue without a title, or with a longer one: an error line.
    rule(title.trim() !== "" && title.length <= GITLAB_RULES.titleLength, `${at}: invalid title`);
    const { commands, rest } = quickActions(cellUnder(header, row, "description"));
    return {
      title,
      description: rest,
      labels: commands.filter((command) => command.name === "label").flatMap((command) => labelsOfQuickAction(command.argument)),
      fields: { quickActions: commands.map((command) => command.name).join(" ") },
    };
  });
}
