import type { ExportItem } from "../export-item.js";
import type { Priority } from "../vocabulary.js";
import { TRACKER_TITLE_LENGTH, type ImportLimits } from "./import-limits.js";
import { markdownOf } from "./markup/markdown.js";
import { ticketContent } from "./ticket-content.js";
import { descriptionLayout } from "./ticket-layout.js";
import type { FileRenderer } from "./types.js";

export const BITBUCKET_ISSUES_DIALECT = "bitbucket-issues";

/**
 * Bitbucket Cloud's issue import: one archive per repository, and an import replaces every issue the tracker holds, so
 * a second part would undo the first: never split.
 */
export const BITBUCKET_IMPORT: ImportLimits = { tracker: "Bitbucket", maxTitleLength: TRACKER_TITLE_LENGTH, splittable: false };

// Bitbucket's priorities, lowest first: trivial, minor, major (its default), critical, blocker.
const PRIORITY: Record<Priority, string> = { URGENT: "critical", HIGH: "major", MEDIUM: "minor", LOW: "trivial" };

// Everything but the issues, written first so that the issues stream as the document's last array. Components,
// milestones and versions stay empty: an issue names at most one of each and findings have none.
const HEAD =
  JSON.stringify({
    meta: {
      default_assignee: null,
      default_component: null,
      default_kind: "bug",
      default_milestone: null,
      default_version: null,
    },
    components: [],
    milestones: [],
    versions: [],
    comments: [],
    attachments: [],
    logs: [],
  }).slice(0, -1) + ',"issues":[\n';

function issue(item: ExportItem, index: number) {
  const content = ticketContent(item, BITBUCKET_IMPORT.maxTitleLength);
  const createdOn = item.createdAt?.toISOString() ?? null;
  return {
    id: index + 1,
    title: content.title,
    content: markdownOf(descriptionLayout(content)),
    kind: item.sourceType === "REPORT_ISSUE" ? "bug" : "task",
    priority: PRIORITY[item.priority],
    status: "new",
    reporter: null,
    assignee: null,
    component: null,
    milestone: null,
    version: null,
    created_on: createdOn,
    updated_on: createdOn,
    content_updated_on: null,
    edited_on: null,
    watchers: [],
    voters: [],
  };
}

/**
 * The `db-2.0.json` document of Bitbucket Cloud's issue-import archive (zip it alone, under that name, to import it):
 * one issue per source, numbered from 1 in file order, content in Markdown starting with the duplicate guard line.
 * Bitbucket issues have no labels, so every label is listed under the details.
 */
export const bitbucketIssuesRenderer: FileRenderer = {
  contentType: "application/json",
  fileExtension: "json",
  importer: BITBUCKET_IMPORT,
  begin: () => HEAD,
  item: (item: ExportItem, index: number) => `${index > 0 ? ",\n" : ""}${JSON.stringify(issue(item, index))}`,
  end: () => "\n]}\n",
};
