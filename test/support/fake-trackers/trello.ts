import { editIssue, fileIssue, PlainText, route, startTracker, text } from "./server.js";
import type { FakeIssue, FakeRequest, FakeTracker, FakeTrackerOptions, Reply, TrackerContext, TrackerSpec } from "./server.js";

const BOARD_ID = "5f1a2b3c4d5e6f7a8b9c0d1e";
const BOARD_SHORT_LINK = "AbCdEf12";
const LIST_ID = "5f1a2b3c4d5e6f7a8b9c0d2f";
const MAX_TEXT = 16_384;

export interface FakeTrelloLabel {
  id: string;
  name: string;
  color: string | null;
}

export interface FakeTrello extends FakeTracker {
  /** The board's labels; the adapter creates them here when missing. */
  readonly labels: FakeTrelloLabel[];
  /** The board's id, when the project key names it by its short link. */
  readonly boardId: string;
}

/** Trello answers most failures in plain text. */
const failure = (status: number, message: string): Reply => ({ status, body: new PlainText(message) });
const notFound = failure(404, "The requested resource was not found.");

interface Payload {
  name?: unknown;
  desc?: unknown;
  idList?: unknown;
  idLabels?: unknown;
  color?: unknown;
  idBoard?: unknown;
}

/** idLabels as Trello reads it: a comma-separated string or an array. */
const idList = (value: unknown) =>
  typeof value === "string" ? value.split(",").filter(Boolean) : Array.isArray(value) ? value.map(String) : undefined;

/** key and token from Trello's OAuth-style Authorization header, or from the key and token query parameters. */
function keyAndToken(request: FakeRequest): string {
  const header = String(request.headers.authorization ?? "");
  const key = /oauth_consumer_key="([^"]*)"/.exec(header)?.[1] ?? request.query.get("key");
  const token = /oauth_token="([^"]*)"/.exec(header)?.[1] ?? request.query.get("token");
  return `${key}:${token}`;
}

function trelloSpec(labels: FakeTrelloLabel[]): TrackerSpec {
  const newLabel = (name: string, color: string | null = null): FakeTrelloLabel => {
    const made = { id: `1abe1${String(labels.length + 1).padStart(19, "0")}`, name, color };
    labels.push(made);
    return made;
  };
  // A hand-made card names its labels; they exist on the board from then on.
  const labelFor = (name: string) => labels.find((label) => label.name === name) ?? newLabel(name);
  const card = (issue: FakeIssue) => ({
    id: issue.key,
    name: issue.title,
    desc: issue.body,
    idBoard: BOARD_ID,
    idList: LIST_ID,
    idLabels: issue.labels.map((name) => labelFor(name).id),
    closed: Boolean(issue.closed),
    shortUrl: issue.url,
  });
  /** The names of the labels `ids` name; null when one is not a label of the board. */
  const namesOf = (ids: string[] | undefined): string[] | undefined | null => {
    const found = ids?.map((id) => labels.find((label) => label.id === id));
    return found?.some((label) => !label) ? null : found?.map((label) => label!.name);
  };

  /** Trello's search: every quoted phrase must be in a card's name or description (case-insensitive). */
  const search = (request: FakeRequest, context: TrackerContext): Reply => {
    const phrases = [...(request.query.get("query") ?? "").matchAll(/"([^"]+)"/g)].map((match) => match[1].toLowerCase());
    if (phrases.length === 0 || !(request.query.get("idBoards") ?? "").split(",").includes(BOARD_ID)) return { status: 200, body: { cards: [] } };
    const limit = Number(request.query.get("cards_limit") ?? 10);
    const cards = context.issues
      .filter((issue) => phrases.every((phrase) => `${issue.title}\n${issue.body}`.toLowerCase().includes(phrase)))
      .slice(0, limit)
      .map(card);
    return { status: 200, body: { options: { terms: phrases.map((phrase) => ({ text: phrase })) }, cards } };
  };

  const handle = (request: FakeRequest, context: TrackerContext): Reply => {
    // Labels of hand-made cards exist on the board as soon as the cards do.
    context.issues.forEach(card);
    const payload = (request.json ?? {}) as Payload;
    const board = route(request, request.method, /^\/1\/boards\/([^/]+)((?:\/.*)?)$/);
    if (board) {
      if (!/^([0-9a-f]{24}|[0-9A-Za-z]{8})$/.test(board[0])) return failure(400, "invalid id");
      if (![BOARD_ID, BOARD_SHORT_LINK].includes(board[0])) return notFound;
      const rest = board[1];
      if (request.method !== "GET") return notFound;
      if (rest === "") return { status: 200, body: { id: BOARD_ID, name: "Security", shortLink: BOARD_SHORT_LINK, url: `${context.baseUrl}/b/${BOARD_SHORT_LINK}` } };
      if (rest === "/labels") return { status: 200, body: labels.map((label) => ({ ...label, idBoard: BOARD_ID })) };
      if (rest === "/lists") return { status: 200, body: [{ id: LIST_ID, name: "To Do", closed: false, idBoard: BOARD_ID }] };
      if (rest === "/cards/all") return { status: 200, body: context.issues.map(card) };
      return notFound;
    }
    if (route(request, "GET", /^\/1\/search$/)) return search(request, context);
    if (route(request, "POST", /^\/1\/labels$/)) {
      const name = text(payload.name);
      if (name === undefined || payload.idBoard !== BOARD_ID) return failure(400, "invalid value for idBoard");
      const made = newLabel(name, typeof payload.color === "string" ? payload.color : null);
      return { status: 200, body: { ...made, idBoard: BOARD_ID } };
    }
    const fields = () => {
      const names = namesOf(idList(payload.idLabels));
      const [title, body] = [text(payload.name), text(payload.desc)];
      if (names === null) return "invalid value for idLabels";
      if ((title?.length ?? 0) > MAX_TEXT) return "invalid value for name";
      if ((body?.length ?? 0) > MAX_TEXT) return "invalid value for desc";
      return { title, body, labels: names };
    };
    if (route(request, "POST", /^\/1\/cards$/)) {
      if (payload.idList !== LIST_ID) return failure(400, "invalid value for idList");
      const edit = fields();
      if (typeof edit === "string") return failure(400, edit);
      const issue = fileIssue(trello, context, { title: edit.title ?? "", body: edit.body ?? "", labels: edit.labels ?? [] });
      return { status: 200, body: card(issue) };
    }
    const edited = route(request, "PUT", /^\/1\/cards\/([^/]+)$/);
    if (edited) {
      const issue = context.issues.find((candidate) => candidate.key === edited[0]);
      if (!issue) return notFound;
      const edit = fields();
      if (typeof edit === "string") return failure(400, edit);
      return { status: 200, body: card(editIssue(issue, edit)) };
    }
    return notFound;
  };

  const trello: TrackerSpec = {
    provider: "TRELLO",
    defaults: { credential: "0123456789abcdef0123456789abcdef:ATTAfakeTrelloUserToken0123456789abcdef", projectKey: BOARD_ID },
    authorized: (request, { credential }) => keyAndToken(request) === credential,
    unauthorized: failure(401, "invalid token"),
    errorBody: (status) =>
      status === 429 ? { error: "API_TOKEN_LIMIT_EXCEEDED", message: "Rate limit exceeded" } : new PlainText(`Fake failure ${status}`),
    handle,
    naming: (context, n) => {
      const shortLink = `Cd${n.toString(36).padStart(6, "0")}`;
      return { key: `c0${n.toString(16).padStart(22, "0")}`, url: `${context.baseUrl}/c/${shortLink}` };
    },
    // No importer: a person pastes a Markdown section into a card, its label text in the description.
    importKeeps: "text",
  };
  return trello;
}

/**
 * Trello REST v1 subset: board read (by id or short link), board labels, lists and all cards, label create, card
 * create and edit (idLabels, 16,384-character limits), search of a quoted phrase in cards; key and token in the
 * OAuth-style Authorization header (or the query string, which Trello also reads); failures in plain text.
 */
export async function startFakeTrello(options: FakeTrackerOptions = {}): Promise<FakeTrello> {
  const labels: FakeTrelloLabel[] = [];
  const tracker = await startTracker(trelloSpec(labels), options);
  return { ...tracker, labels, boardId: BOARD_ID };
}
