import { markdownOf } from "../domain/render/markup/markdown.js";
import { apiClient, type ApiClient } from "./api-client.js";
import { bearerAuth } from "./credentials.js";
import { providerError } from "./errors.js";
import { carriesLabel, createOrFindAgain, findInPages, itemsOf, labelChanges, listIn, ticketLabels, ticketRef, titleLine } from "./tickets.js";
import type { AdapterFactory, TargetConnection, TicketDraft } from "./types.js";

const SERVICE = "YouTrack";
const PAGE_SIZE = 50;

interface YouTrackIssue {
  idReadable?: string;
  description?: string | null;
  project?: { shortName?: string };
}
interface YouTrackTag {
  id: string;
  name?: string;
}

/** The instance URL (https://acme.youtrack.cloud, https://host/youtrack), given with or without /api. */
const instanceUrl = (conn: TargetConnection) => conn.baseUrl.replace(/\/+$/, "").replace(/\/api$/, "");

// Query values go in braces, which a value cannot then hold; quoted phrases cannot hold a quote.
const tag = (name: string) => name.replace(/[{}]/g, " ").replace(/\s+/g, " ").trim();
const phrase = (text: string) => `"${text.replace(/"/g, " ")}"`;

const shortNameOf = (conn: TargetConnection) => conn.projectKey.trim();

/**
 * YouTrack (Cloud or Server) over its REST API. The project key is the project's short name ("SEC"); the credential a
 * permanent token ("perm:…"), sent as a bearer token. Descriptions are Markdown. Labels are tags, created (visible to
 * the token's user) when missing. A ticket is found by its fingerprint tag, or else, for an issue imported from a file
 * or made by another user whose tags the token cannot see, by the label text in its description.
 */
export const createYouTrackAdapter: AdapterFactory = (http, options = {}) => {
  const client = (conn: TargetConnection): ApiClient =>
    apiClient(http, { service: SERVICE, baseUrl: `${instanceUrl(conn)}/api`, ...bearerAuth(conn.credential), now: options.now });
  const refOf = (conn: TargetConnection, issue: YouTrackIssue | undefined) =>
    ticketRef(SERVICE, issue?.idReadable, issue?.idReadable ? `${instanceUrl(conn)}/issue/${issue.idReadable}` : undefined);

  const projectId = async (api: ApiClient, conn: TargetConnection): Promise<string> => {
    const key = shortNameOf(conn);
    const query = new URLSearchParams({ fields: "id,shortName", query: key, $top: "100" });
    const projects = listIn<{ id?: string; shortName?: string }>(SERVICE, await api.call("GET", `/admin/projects?${query}`), "projects");
    const project = projects.find((candidate) => candidate.shortName?.toLowerCase() === key.toLowerCase());
    if (!project?.id) throw providerError("UNSUPPORTED", { service: SERVICE, said: `no project ${key} is visible to the token` });
    return project.id;
  };

  /** The first `what` listed at `path` (paged with $top and $skip) for which `matches` holds. */
  const findListed = <T>(api: ApiClient, path: string, params: Record<string, string>, what: string, matches: (item: T) => boolean) =>
    findInPages(
      0,
      async (page) => {
        const query = new URLSearchParams({ ...params, $top: String(PAGE_SIZE), $skip: String(page * PAGE_SIZE) });
        const items = listIn<T>(SERVICE, await api.call("GET", `${path}?${query}`), what);
        return { items, next: items.length === PAGE_SIZE ? page + 1 : undefined };
      },
      matches,
    );

  // The query matches names that contain it: a common label ("web") can have many such tags before its own.
  const findTag = (api: ApiClient, name: string) =>
    findListed<YouTrackTag>(api, "/tags", { fields: "id,name", query: name }, "tags", (candidate) => candidate.name === name);

  /** The tag's id, made when missing (or found again when another export made it meanwhile). */
  const tagId = async (api: ApiClient, name: string): Promise<string> => {
    const create = () => api.call<YouTrackTag>("POST", "/tags?fields=id,name", { name });
    const made = (await findTag(api, name)) ?? (await createOrFindAgain(create, () => findTag(api, name)));
    if (!made?.id) throw providerError("PERMANENT", { service: SERVICE, said: `the answer does not identify the tag ${name}` });
    return made.id;
  };

  /** Makes the issue's tags exactly the draft's labels and its fingerprint label. */
  const setTags = async (api: ApiClient, id: string, draft: TicketDraft, current: YouTrackTag[]) => {
    const issueTags = `/issues/${encodeURIComponent(id)}/tags`;
    const { add, remove } = labelChanges(ticketLabels(draft, tag), current.map((present) => present.name ?? ""));
    for (const name of add) await api.call("POST", `${issueTags}?fields=id`, { id: await tagId(api, name) });
    for (const extra of current.filter((present) => remove.includes(present.name ?? ""))) {
      await api.call("DELETE", `${issueTags}/${encodeURIComponent(extra.id)}`);
    }
  };

  const fields = (draft: TicketDraft) => ({ summary: titleLine(draft), description: markdownOf(draft.description), usesMarkdown: true });

  return {
    provider: "YOUTRACK",
    async check(conn) {
      await projectId(client(conn), conn);
    },
    async findByLabel(conn, label) {
      const api = client(conn);
      const project = shortNameOf(conn);
      const tagged = await findTag(api, tag(label));
      if (tagged) {
        const path = `/tags/${encodeURIComponent(tagged.id)}/issues?fields=idReadable,project(shortName)&$top=100`;
        const issue = listIn<YouTrackIssue>(SERVICE, await api.call("GET", path), "tagged issues").find((candidate) => candidate.project?.shortName?.toLowerCase() === project.toLowerCase());
        if (issue) return refOf(conn, issue);
      }
      const query = `project: {${tag(project)}} ${phrase(label)}`;
      const found = await findListed<YouTrackIssue>(api, "/issues", { query, fields: "idReadable,description" }, "issues", (issue) =>
        carriesLabel(issue.description, label),
      );
      return found ? refOf(conn, found) : null;
    },
    async create(conn, draft) {
      const api = client(conn);
      const body = { project: { id: await projectId(api, conn) }, ...fields(draft) };
      const issue = await api.call<YouTrackIssue>("POST", "/issues?fields=idReadable", body);
      const ref = refOf(conn, issue);
      await setTags(api, ref.key, draft, []);
      return ref;
    },
    async update(conn, key, draft) {
      const api = client(conn);
      const issue = await api.call<YouTrackIssue & { tags?: YouTrackTag[] }>(
        "POST",
        `/issues/${encodeURIComponent(key)}?fields=idReadable,tags(id,name)`,
        fields(draft),
      );
      const ref = refOf(conn, issue);
      await setTags(api, ref.key, draft, itemsOf(issue?.tags));
      return ref;
    },
  };
};
