/**
 * Readers of the files each tracker's importer takes, applying that importer's documented rules (each cites its
 * source): `read<Tracker>Import(fileText)` returns the tickets the import would create, or throws ImportRefused.
 */
import type { FileFormat, Provider } from "../../../src/domain/vocabulary.js";
import { readAsanaImport } from "./asana.js";
import { readAzureDevOpsImport } from "./azure-devops.js";
import { readBitbucketImport } from "./bitbucket.js";
import { readClickupImport } from "./clickup.js";
import { readGitlabImport } from "./gitlab.js";
import { readJiraImport } from "./jira.js";
import { readLinearImport } from "./linear.js";
import { readGithubImport, readTrelloImport } from "./paste.js";
import type { ImportedTicket } from "./ticket.js";
import { readYoutrackImport } from "./youtrack.js";

export {
  readAsanaImport,
  readAzureDevOpsImport,
  readBitbucketImport,
  readClickupImport,
  readGithubImport,
  readGitlabImport,
  readJiraImport,
  readLinearImport,
  readTrelloImport,
  readYoutrackImport,
};
export { ImportRefused, type ImportedTicket } from "./ticket.js";

/** Where a tracker keeps the fingerprint label of a ticket imported from its file (docs/formats.md). */
export type FingerprintPlace = "label" | "description";

export interface TrackerFile {
  /** The file its importer takes (or a person pastes), as chooseFormat picks it for the tracker. */
  format: FileFormat;
  dialect: string;
  read: (fileText: string) => ImportedTicket[];
  /** Where the import keeps the fingerprint label: a label or tag, else only the description's first line. */
  fingerprint: FingerprintPlace;
}

/** Every tracker of the Provider enum but OTHER, with its file, its reader, and where the fingerprint lands. */
export const TRACKER_FILES: Readonly<Record<Exclude<Provider, "OTHER">, TrackerFile>> = {
  JIRA: { format: "CSV_EXPORT", dialect: "jira", read: readJiraImport, fingerprint: "label" },
  GITHUB: { format: "MARKDOWN_EXPORT", dialect: "gfm", read: readGithubImport, fingerprint: "description" },
  GITLAB: { format: "CSV_EXPORT", dialect: "gitlab", read: readGitlabImport, fingerprint: "label" },
  BITBUCKET: { format: "JSON_EXPORT", dialect: "bitbucket-issues", read: readBitbucketImport, fingerprint: "description" },
  TRELLO: { format: "MARKDOWN_EXPORT", dialect: "gfm", read: readTrelloImport, fingerprint: "description" },
  LINEAR: { format: "CSV_EXPORT", dialect: "linear", read: readLinearImport, fingerprint: "label" },
  AZURE_DEVOPS: { format: "CSV_EXPORT", dialect: "azure-devops", read: readAzureDevOpsImport, fingerprint: "label" },
  YOUTRACK: { format: "CSV_EXPORT", dialect: "youtrack", read: readYoutrackImport, fingerprint: "description" },
  ASANA: { format: "CSV_EXPORT", dialect: "asana", read: readAsanaImport, fingerprint: "description" },
  CLICKUP: { format: "CSV_EXPORT", dialect: "clickup", read: readClickupImport, fingerprint: "label" },
};
