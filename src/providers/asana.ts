import { apiClient, type ApiClient } from "./api-client.js";
import { bearerAuth } from "./credentials.js";
import { providerError } from "./errors.js";
import { plainTextOf } from "../domain/render/markup/plain-text.js";
import { carriesLabel, findInPages, itemsOf, labelChanges, listIn, ticketLabels, ticketRef, titleLine } from "./tickets.js";
import type { AdapterFactory, TargetConnection, TicketDraft } from "./types.js";

const SERVICE = "Asana";
const DEFAULT_API = "https://app.asana.com/api/1.0";
const PAGE_SIZE = 50;

interface AsanaTask {
  gid?: string;
  permalink_url?: string;
  notes?: string;
  tags?: { gid: string; name?: string }[];
}
interface AsanaTag {
  gid: string;
  name?: string;
}

/** Accepts https://app.asana.com with or without the /api/1.0 suffix. */
const apiBase = (conn: TargetConnection) =>
  `${(conn.baseUrl || DEFAULT_API).replace(/\/+$/, "").replace(/\/api\/1\.0$/, "")}/api/1.0`;

function projectGid(conn: TargetConnection): string {
  const gid = conn.projectKey.trim();
  if (!/^\d+$/.test(gid)) throw providerError("UNSUPPORTED", { service: SERVICE, said: "the project key must be a project gid (digits)" });
  return gid;
}

const tag = (name: string) => name.replace(/\s+/g, " ").trim();
const refOf = (task: AsanaTask | undefined) => ticketRef(SERVICE, task?.gid, task?.permalink_url);

/** Asana wraps every request and answer body in `data`. */
async function data<T>(api: ApiClient, method: string, path: string, body?: unknown): Promise<T | undefined> {
  const answer = await api.call<{ data?: T }>(method, path, body === undefined ? undefined : { data: body });
  return answer?.data;
}

/**
 * Asana tasks over REST 1.0. The project key is the project's gid (the number in its URL); the workspace is read from
 * the project. The credential is a personal access token, sent as a bearer token. Notes are plain text (the body's
 * Markdown rendered as text); labels are workspace tags, created when missing. Asana's CSV importer drops tags, so a
 * ticket is found by its fingerprint tag or by the label text in its notes, reading the project's tasks (completed
 * ones included) page by page: Asana's text search is a paid feature.
 */
export const createAsanaAdapter: AdapterFactory = (http, options = {}) => {
  const client = (conn: TargetConnection): ApiClient =>
    apiClient(http, { service: SERVICE, baseUrl: apiBase(conn), ...bearerAuth(conn.credential), now: options.now });

  const workspaceOf = async (api: ApiClient, conn: TargetConnection): Promise<string> => {
    const project = await data<{ workspace?: { gid?: string } }>(api, "GET", `/projects/${projectGid(conn)}?opt_fields=name,workspace`);
    const workspace = project?.workspace?.gid;
    if (!workspace) throw providerError("PERMANENT", { service: SERVICE, said: "the answer does not identify the project's workspace" });
    return workspace;
  };

  const tagGids = async (api: ApiClient, workspace: string, names: string[]): Promise<Map<string, string>> => {
    const gids = new Map<string, string>();
    for (const name of names) {
      const query = new URLSearchParams({ resource_type: "tag", query: name, count: "100", opt_fields: "name" });
      const similar = listIn<AsanaTag>(SERVICE, await data(api, "GET", `/workspaces/${workspace}/typeahead?${query}`), "tags");
      const made = similar.find((candidate) => candidate.name === name) ?? (await data<AsanaTag>(api, "POST", `/workspaces/${workspace}/tags`, { name }));
      if (!made?.gid) throw providerError("PERMANENT", { service: SERVICE, said: `the answer does not identify the tag ${name}` });
      gids.set(name, made.gid);
    }
    return gids;
  };

  const content = (draft: TicketDraft) => ({ name: titleLine(draft), notes: plainTextOf(draft.description) });

  return {
    provider: "ASANA",
    async check(conn) {
      await workspaceOf(client(conn), conn);
    },
    async findByLabel(conn, label) {
      const api = client(conn);
      const found = await findInPages(
        "",
        async (offset) => {
          const query = new URLSearchParams({ opt_fields: "notes,tags.name,permalink_url", limit: String(PAGE_SIZE) });
          if (offset) query.set("offset", offset);
          const answer = await api.call<{ data?: AsanaTask[]; next_page?: { offset?: string } | null }>(
            "GET",
            `/projects/${projectGid(conn)}/tasks?${query}`,
          );
          return { items: itemsOf(answer?.data), next: answer?.next_page?.offset || undefined };
        },
        (task) => itemsOf(task.tags).some((candidate) => candidate.name === tag(label)) || carriesLabel(task.notes, label),
      );
      return found ? refOf(found) : null;
    },
    async create(conn, draft) {
      const api = client(conn);
      const gids = await tagGids(api, await workspaceOf(api, conn), ticketLabels(draft, tag));
      const body = { ...content(draft), projects: [projectGid(conn)], tags: [...gids.values()] };
      return refOf(await data<AsanaTask>(api, "POST", "/tasks?opt_fields=permalink_url", body));
    },
    async update(conn, key, draft) {
      const api = client(conn);
      const task = `/tasks/${encodeURIComponent(key)}`;
      // Tags cannot be set by an edit: each is added or removed on its own.
      const edited = await data<AsanaTask>(api, "PUT", `${task}?opt_fields=permalink_url,tags.name`, content(draft));
      const present = itemsOf(edited?.tags);
      const { add, remove } = labelChanges(ticketLabels(draft, tag), present.map((candidate) => candidate.name ?? ""));
      if (add.length > 0) {
        const gids = await tagGids(api, await workspaceOf(api, conn), add);
        for (const gid of gids.values()) await data(api, "POST", `${task}/addTag`, { tag: gid });
      }
      for (const extra of present.filter((candidate) => remove.includes(candidate.name ?? ""))) {
        await data(api, "POST", `${task}/removeTag`, { tag: extra.gid });
      }
      return refOf(edited);
    },
  };
};
