import { markdownOf } from "../domain/render/markup/markdown.js";
import { apiClient, secretsOf, type ApiClient } from "./api-client.js";
import { providerError } from "./errors.js";
import { carriesLabel, itemsOf, listIn, ticketLabels, ticketRef, titleLine } from "./tickets.js";
import type { AdapterFactory, TargetConnection, TicketDraft } from "./types.js";

const SERVICE = "Trello";
const DEFAULT_API = "https://api.trello.com/1";
const MAX_NAME = 16_384;
const MAX_DESC = 16_384;
const MAX_LABEL = 100;
const SEARCH_LIMIT = 50;

interface TrelloCard {
  id?: string;
  shortUrl?: string;
  idLabels?: string[];
  desc?: string;
}
interface TrelloLabel {
  id: string;
  name?: string;
}

/** Accepts https://api.trello.com with or without the /1 suffix. */
const apiBase = (conn: TargetConnection) => `${(conn.baseUrl || DEFAULT_API).replace(/\/+$/, "").replace(/\/1$/, "")}/1`;

/**
 * "apiKey:token" as Trello's OAuth-style Authorization header, so that neither travels in a query string (where
 * Trello's examples put them, and where proxies and access logs keep them).
 */
function authorization(credential: string): string {
  const colon = credential.indexOf(":");
  const [key, token] = [credential.slice(0, colon), credential.slice(colon + 1)];
  if (colon < 1 || !token || /["\\]/.test(credential)) {
    throw providerError("REVOKED", { service: SERVICE, said: "the credential must be the API key and a token, as key:token" });
  }
  return `OAuth oauth_consumer_key="${key}", oauth_token="${token}"`;
}

/** "boardId" or "boardId/listId" (board id or short link); new cards go to that list, or the board's first open list. */
function boardAndList(conn: TargetConnection): { board: string; list?: string } {
  const match = /^([0-9a-zA-Z]+)(?:\/([0-9a-f]{24}))?$/.exec(conn.projectKey.trim());
  if (!match) throw providerError("UNSUPPORTED", { service: SERVICE, said: "the project key must be a board id, optionally /list id" });
  return { board: match[1], list: match[2] };
}

const label = (name: string) => name.replace(/\s+/g, " ").trim().slice(0, MAX_LABEL);

/**
 * Trello limits a description to 16,384 characters; a longer body is cut, and keeps the fingerprint label (which a
 * later lookup of a pasted card searches for) at its end.
 */
function description(draft: TicketDraft): string {
  const body = markdownOf(draft.description);
  if (body.length <= MAX_DESC) return body;
  const tail = `\n\n… (cut to Trello's ${MAX_DESC} characters)\n\nFingerprint label: ${draft.fingerprintLabel}\n`;
  return body.slice(0, MAX_DESC - tail.length) + tail;
}

const refOf = (card: TrelloCard | undefined) => ticketRef(SERVICE, card?.id, card?.shortUrl);

/**
 * Trello cards over REST v1. The credential is "apiKey:token" (a Power-Up's API key and a user token with read and
 * write scope); the project key a board id or short link, optionally followed by "/" and the id of the list new cards
 * go to (default: the board's first open list). Labels are board labels, created without a color when missing. A
 * card is found by its fingerprint label among the board's cards (archived included), or else, for a card someone
 * pasted from a Markdown file, by the label text in its description through Trello's search.
 */
export const createTrelloAdapter: AdapterFactory = (http, options = {}) => {
  const client = (conn: TargetConnection): ApiClient =>
    apiClient(http, {
      service: SERVICE,
      baseUrl: apiBase(conn),
      headers: { authorization: authorization(conn.credential) },
      secrets: secretsOf(conn.credential),
      now: options.now,
    });
  const boardPath = (conn: TargetConnection) => `/boards/${encodeURIComponent(boardAndList(conn).board)}`;
  const labels = async (api: ApiClient, conn: TargetConnection) =>
    listIn<TrelloLabel>(SERVICE, await api.call("GET", `${boardPath(conn)}/labels?fields=name&limit=1000`), "board's labels");

  const labelIds = async (api: ApiClient, conn: TargetConnection, draft: TicketDraft): Promise<string> => {
    const existing = await labels(api, conn);
    const ids: string[] = [];
    for (const name of ticketLabels(draft, label)) {
      const found = existing.find((candidate) => candidate.name === name);
      const made = found ?? (await api.call<TrelloLabel>("POST", "/labels", { name, color: null, idBoard: await boardIdOf(api, conn) }));
      if (!made?.id) throw providerError("PERMANENT", { service: SERVICE, said: `the answer does not identify the label ${name}` });
      ids.push(made.id);
    }
    return ids.join(",");
  };

  // A short link names the board in URLs; search and label creation take its id.
  const boardIdOf = async (api: ApiClient, conn: TargetConnection): Promise<string> => {
    const { board: key } = boardAndList(conn);
    if (/^[0-9a-f]{24}$/.test(key)) return key;
    const board = await api.call<{ id?: string }>("GET", `${boardPath(conn)}?fields=id`);
    if (!board?.id) throw providerError("PERMANENT", { service: SERVICE, said: "the answer does not identify the board" });
    return board.id;
  };

  const listId = async (api: ApiClient, conn: TargetConnection): Promise<string> => {
    const chosen = boardAndList(conn).list;
    if (chosen) return chosen;
    const [first] = listIn<{ id?: string }>(SERVICE, await api.call("GET", `${boardPath(conn)}/lists?filter=open&fields=id`), "board's lists");
    if (!first?.id) throw providerError("UNSUPPORTED", { service: SERVICE, said: "the board has no open list to add cards to" });
    return first.id;
  };

  const card = (draft: TicketDraft, idLabels: string) => ({
    name: titleLine(draft, MAX_NAME),
    desc: description(draft),
    idLabels,
  });

  return {
    provider: "TRELLO",
    async check(conn) {
      await client(conn).call("GET", `${boardPath(conn)}?fields=name`);
    },
    async findByLabel(conn, name) {
      const api = client(conn);
      const wanted = (await labels(api, conn)).find((candidate) => candidate.name === label(name));
      if (wanted) {
        const cards = listIn<TrelloCard>(SERVICE, await api.call("GET", `${boardPath(conn)}/cards/all?fields=idLabels,shortUrl`), "board's cards");
        const labelled = cards.find((candidate) => itemsOf(candidate.idLabels).includes(wanted.id));
        if (labelled) return refOf(labelled);
      }
      const query = new URLSearchParams({
        query: `"${name.replace(/"/g, " ")}"`,
        idBoards: await boardIdOf(api, conn),
        modelTypes: "cards",
        card_fields: "desc,shortUrl",
        cards_limit: String(SEARCH_LIMIT),
        partial: "false",
      });
      const found = await api.call<{ cards?: TrelloCard[] }>("GET", `/search?${query}`);
      const pasted = itemsOf(found?.cards).find((candidate) => carriesLabel(candidate.desc, name));
      return pasted ? refOf(pasted) : null;
    },
    async create(conn, draft) {
      const api = client(conn);
      const body = { ...card(draft, await labelIds(api, conn, draft)), idList: await listId(api, conn) };
      return refOf(await api.call<TrelloCard>("POST", "/cards", body));
    },
    async update(conn, key, draft) {
      const api = client(conn);
      return refOf(await api.call<TrelloCard>("PUT", `/cards/${encodeURIComponent(key)}`, card(draft, await labelIds(api, conn, draft))));
    },
  };
};
