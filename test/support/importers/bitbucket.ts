import { ImportRefused, rule, type ImportedTicket } from "./ticket.js";

// Bitbucket Cloud "Issue import and export data format": a zip holding db-2.0.json (and an optional attachments
// directory). https://support.atlassian.com/bitbucket-cloud/docs/issue-import-and-export-data-format/
// Importing replaces every issue already in the tracker, and keeps issue ids
// (https://support.atlassian.com/bitbucket-cloud/docs/export-or-import-issue-data/).
export const BITBUCKET_RULES = {
  kinds: ["bug", "enhancement", "proposal", "task"],
  priorities: ["trivial", "minor", "major", "critical", "blocker"],
  statuses: ["new", "open", "resolved", "on hold", "invalid", "duplicate", "wontfix", "closed"],
  /** The objects the document specifies besides the issues. */
  collections: ["comments", "attachments", "logs", "components", "milestones", "versions"],
};

const isUser = (value: unknown) =>
  value === null || (typeof value === "object" && typeof (value as Record<string, unknown>).display_name === "string");
const isTime = (value: unknown) => value === null || (typeof value === "string" && !Number.isNaN(Date.parse(value)));

/** The issues Bitbucket's importer creates from the text of db-2.0.json; throws ImportRefused where it would refuse. */
export function readBitbucketImport(text: string): ImportedTicket[] {
  let document: Record<string, any>;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ImportRefused(`db-2.0.json is not JSON: ${(error as Error).message}`);
  }
  rule(Array.isArray(document.issues), "no issues array");
  for (const name of BITBUCKET_RULES.collections) rule(Array.isArray(document[name] ?? []), `${name} is not an array`);
  rule(typeof document.meta === "object" && BITBUCKET_RULES.kinds.includes(document.meta.default_kind), "meta.default_kind");
  const named = (collection: string) => new Set<string>((document[collection] ?? []).map((entry: { name: string }) => entry.name));
  const ids = new Set<number>();
  return document.issues.map((issue: Record<string, any>) => {
    const at = `issue ${issue.id}`;
    rule(Number.isInteger(issue.id) && issue.id > 0 && !ids.has(issue.id), `${at}: ids are positive, unique integers`);
    ids.add(issue.id);
    rule(typeof issue.title === "string" && issue.title.trim() !== "", `${at}: a title is required`);
    rule(typeof issue.content === "string" || issue.content === null, `${at}: content is Markdown text`);
    rule(BITBUCKET_RULES.kinds.includes(issue.kind), `${at}: kind ${issue.kind}`);
    rule(BITBUCKET_RULES.priorities.includes(issue.priority), `${at}: priority ${issue.priority}`);
    rule(BITBUCKET_RULES.statuses.includes(issue.status), `${at}: status ${issue.status}`);
    rule(isUser(issue.reporter) && isUser(issue.assignee), `${at}: users are null or {display_name, account_id}`);
    for (const time of ["created_on", "updated_on", "content_updated_on", "edited_on"]) {
      rule(isTime(issue[time] ?? null), `${at}: ${time} is an ISO 8601 time or null`);
    }
    // An issue names its component, milestone and version, each listed in the document's own collection.
    for (const [field, collection] of [["component", "components"], ["milestone", "milestones"], ["version", "versions"]]) {
      rule(issue[field] == null || named(collection).has(issue[field]), `${at}: ${field} ${issue[field]} is not in ${collection}`);
    }
    return {
      title: issue.title,
      description: issue.content ?? "",
      // Bitbucket issues have no labels.
      labels: [],
      fields: { kind: issue.kind, priority: issue.priority, status: issue.status, created_on: issue.created_on ?? "" },
    };
  });
}
