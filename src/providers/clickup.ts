import { markdownOf } from "../domain/render/markup/markdown.js";
import { apiClient, secretsOf, type Classifier } from "./api-client.js";
import { classifyResponse, providerError } from "./errors.js";
import { findInPages, itemsOf, labelChanges, ticketLabels, ticketRef, titleLine } from "./tickets.js";
import type { AdapterFactory, TargetConnection, TicketDraft } from "./types.js";

const SERVICE = "ClickUp";
const DEFAULT_API = "https://api.clickup.com/api/v2";
// ClickUp's answer when the token works but its workspace does not hold the list (or the list does not exist).
const TEAM_NOT_AUTHORIZED = "OAUTH_027";

interface ClickUpTask {
  id?: string;
  url?: string;
  tags?: { name?: string }[];
}

/** Accepts https://api.clickup.com with or without the /api/v2 suffix. */
const apiBase = (conn: TargetConnection) =>
  `${(conn.baseUrl || DEFAULT_API).replace(/\/+$/, "").replace(/\/api\/v2$/, "")}/api/v2`;

// ClickUp keeps tag names in lower case; lookups compare the same form.
const tag = (name: string) => name.trim().toLowerCase();

function ecode(body: string): string | undefined {
  try {
    const code = (JSON.parse(body) as { ECODE?: unknown }).ECODE;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}

/** ClickUp answers a list outside the token's workspaces with 401 "Team not authorized": the path, not the token. */
const classifyClickUp: Classifier = (status, headers, body, now) =>
  status === 401 && ecode(body) === TEAM_NOT_AUTHORIZED
    ? providerError("UNSUPPORTED", { service: SERVICE, status, said: "Team not authorized: the list is not in a workspace the token can see" })
    : classifyResponse(status, headers, now, { body, service: SERVICE });

const refOf = (task: ClickUpTask | undefined) => ticketRef(SERVICE, task?.id, task?.url);

// markdown_content is ClickUp's Markdown description; description carries the same text where plain text is shown.
const content = (draft: TicketDraft) => {
  const body = markdownOf(draft.description);
  return { name: titleLine(draft), markdown_content: body, description: body };
};

/**
 * ClickUp tasks over REST v2. The project key is a list id; the credential a personal token ("pk_…", sent bare in
 * Authorization as ClickUp documents) or an OAuth access token. Labels are tags (lower case, created in the list's
 * Space by ClickUp when missing); a ticket is found by its fingerprint tag among the list's tasks, closed ones and
 * subtasks included.
 */
export const createClickUpAdapter: AdapterFactory = (http, options = {}) => {
  const client = (conn: TargetConnection) =>
    apiClient(http, {
      service: SERVICE,
      baseUrl: apiBase(conn),
      headers: { authorization: conn.credential },
      secrets: secretsOf(conn.credential),
      classify: classifyClickUp,
      now: options.now,
    });
  const list = (conn: TargetConnection) => `/list/${encodeURIComponent(conn.projectKey.trim())}`;
  const taskPath = (key: string) => `/task/${encodeURIComponent(key)}`;

  return {
    provider: "CLICKUP",
    async check(conn) {
      await client(conn).call("GET", list(conn));
    },
    async findByLabel(conn, label) {
      const wanted = tag(label);
      const found = await findInPages(
        0,
        async (page) => {
          const query = new URLSearchParams({ "tags[]": wanted, include_closed: "true", subtasks: "true", page: String(page) });
          const answer = await client(conn).call<{ tasks?: ClickUpTask[]; last_page?: boolean }>("GET", `${list(conn)}/task?${query}`);
          return { items: itemsOf(answer?.tasks), next: answer?.last_page === false ? page + 1 : undefined };
        },
        (task) => itemsOf(task.tags).some((candidate) => candidate.name === wanted),
      );
      return found ? refOf(found) : null;
    },
    async create(conn, draft) {
      const body = { ...content(draft), tags: ticketLabels(draft, tag) };
      return refOf(await client(conn).call<ClickUpTask>("POST", `${list(conn)}/task`, body));
    },
    async update(conn, key, draft) {
      const api = client(conn);
      // Tags cannot be set by an edit: each is added or removed on its own.
      const task = await api.call<ClickUpTask>("PUT", taskPath(key), content(draft));
      const present = itemsOf(task?.tags).map((candidate) => candidate.name ?? "");
      const { add, remove } = labelChanges(ticketLabels(draft, tag), present);
      for (const name of add) await api.call("POST", `${taskPath(key)}/tag/${encodeURIComponent(name)}`);
      for (const name of remove) await api.call("DELETE", `${taskPath(key)}/tag/${encodeURIComponent(name)}`);
      return refOf(task);
    },
  };
};
