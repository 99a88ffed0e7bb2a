import { markdownOf } from "../domain/render/markup/markdown.js";
import { apiClient, secretsOf, type Classifier } from "./api-client.js";
import { classifyResponse, providerError, type ProviderErrorKind } from "./errors.js";
import { retryAfterFrom } from "./rate-limit.js";
import { createOrFindAgain, ticketLabels, ticketRef, truncate } from "./tickets.js";
import type { AdapterFactory, TargetConnection, TicketDraft } from "./types.js";

const SERVICE = "Linear";
const DEFAULT_API = "https://api.linear.app";
const MAX_TITLE = 255;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const TEAMS = `query Teams($filter: TeamFilter) { teams(filter: $filter, first: 1) { nodes { id key } } }`;
const ISSUES_BY_LABEL = `query IssuesByLabel($team: TeamFilter!, $label: String!) {
  issues(filter: { team: $team, labels: { name: { eq: $label } } }, first: 1) { nodes { identifier url } } }`;
const LABELS = `query Labels($names: [String!]!) {
  issueLabels(filter: { name: { in: $names } }, first: 250) { nodes { id name team { id } } } }`;
const LABEL_CREATE = `mutation LabelCreate($input: IssueLabelCreateInput!) {
  issueLabelCreate(input: $input) { success issueLabel { id name } } }`;
const ISSUE_CREATE = `mutation IssueCreate($input: IssueCreateInput!) {
  issueCreate(input: $input) { success issue { identifier url } } }`;
const ISSUE_UPDATE = `mutation IssueUpdate($id: String!, $input: IssueUpdateInput!) {
  issueUpdate(id: $id, input: $input) { success issue { identifier url } } }`;

interface LinearIssue {
  identifier?: string;
  url?: string;
}
interface LinearLabel {
  id: string;
  name: string;
  team?: { id: string } | null;
}
interface GraphQLError {
  message?: string;
  extensions?: { code?: string; type?: string };
}

/** Linear's error code, from `extensions.code` or its older `extensions.type` ("authentication error"). */
const codeOf = (error: GraphQLError) =>
  String(error.extensions?.code ?? error.extensions?.type ?? "")
    .toUpperCase()
    .replace(/\s+/g, "_");

/** The kinds Linear only tells through error codes; anything else is judged by the HTTP status. */
function errorKind(codes: readonly string[]): ProviderErrorKind | null {
  if (codes.includes("RATELIMITED")) return "RATE_LIMITED";
  if (codes.includes("AUTHENTICATION_ERROR") || codes.includes("FORBIDDEN")) return "REVOKED";
  return null;
}

function graphqlErrors(body: string): GraphQLError[] {
  try {
    const errors = (JSON.parse(body) as { errors?: unknown }).errors;
    return Array.isArray(errors) ? (errors as GraphQLError[]) : [];
  } catch {
    return [];
  }
}

/**
 * Linear reports failures as GraphQL errors, with HTTP 200 or 400: an authentication or rate-limit code decides the
 * kind; otherwise the status does, and GraphQL errors under a 2xx are PERMANENT.
 */
const classifyLinear: Classifier = (status, headers, body, now) => {
  const errors = graphqlErrors(body);
  const byStatus = classifyResponse(status, headers, now, { body, service: SERVICE });
  if (errors.length === 0) return byStatus;
  const kind = errorKind(errors.map(codeOf));
  if (!kind) return byStatus ?? providerError("PERMANENT", { service: SERVICE, status, said: errors[0].message });
  const retryAfter = kind === "RATE_LIMITED" ? retryAfterFrom(headers, now) : undefined;
  return providerError(kind, { service: SERVICE, status, said: errors[0].message, retryAfter });
};

/** A team key ("ENG") or a team id (a UUID). */
const teamFilter = (conn: TargetConnection) => {
  const key = conn.projectKey.trim();
  return UUID.test(key) ? { id: { eq: key } } : { key: { eqIgnoreCase: key } };
};

const refOf = (issue: LinearIssue | null | undefined) => ticketRef(SERVICE, issue?.identifier, issue?.url);

/**
 * Linear over its GraphQL API (POST {baseUrl}/graphql, default https://api.linear.app). The credential is a personal
 * API key, sent bare in Authorization as Linear expects (an OAuth token would need "Bearer " in the credential).
 * Labels are looked up by name (workspace labels or the team's) and created on the team when missing.
 */
export const createLinearAdapter: AdapterFactory = (http, options = {}) => {
  const gql = async <T>(conn: TargetConnection, query: string, variables: Record<string, unknown>): Promise<Partial<T>> => {
    const client = apiClient(http, {
      service: SERVICE,
      baseUrl: (conn.baseUrl || DEFAULT_API).replace(/\/+$/, "").replace(/\/graphql$/, ""),
      headers: { authorization: conn.credential },
      secrets: secretsOf(conn.credential),
      classify: classifyLinear,
      now: options.now,
    });
    const answer = await client.call<{ data?: T }>("POST", "/graphql", { query, variables });
    if (!answer?.data) throw providerError("PERMANENT", { service: SERVICE, said: "the answer holds no data" });
    // Partial: the shape is the tracker's word, so every field is read with ?. and a missing one ends as a
    // ProviderError (through ticketRef or a check), never as a TypeError.
    return answer.data as Partial<T>;
  };

  const teamId = async (conn: TargetConnection): Promise<string> => {
    const { teams } = await gql<{ teams: { nodes: { id: string }[] } }>(conn, TEAMS, { filter: teamFilter(conn) });
    const team = teams?.nodes?.[0];
    if (!team) throw providerError("UNSUPPORTED", { service: SERVICE, said: `no team ${conn.projectKey} is visible` });
    return team.id;
  };

  /** The workspace labels and the team's labels among `names`. */
  const usableLabels = async (conn: TargetConnection, team: string, names: string[]): Promise<LinearLabel[]> => {
    const { issueLabels } = await gql<{ issueLabels: { nodes: LinearLabel[] } }>(conn, LABELS, { names });
    return (issueLabels?.nodes ?? []).filter((found) => !found.team || found.team.id === team);
  };

  const labelIds = async (conn: TargetConnection, team: string, names: string[]): Promise<string[]> => {
    const usable = await usableLabels(conn, team, names);
    const ids: string[] = [];
    for (const name of names) {
      const existing = usable.find((found) => found.name === name);
      // Linear refuses a second label of one name, which another export may have made since the lookup.
      const again = async () => (await usableLabels(conn, team, [name])).find((found) => found.name === name)?.id;
      ids.push(existing ? existing.id : await createOrFindAgain(() => createLabel(conn, team, name), again));
    }
    return ids;
  };

  const createLabel = async (conn: TargetConnection, team: string, name: string): Promise<string> => {
    const { issueLabelCreate } = await gql<{ issueLabelCreate: { issueLabel?: { id: string } | null } }>(
      conn,
      LABEL_CREATE,
      { input: { name, teamId: team } },
    );
    const id = issueLabelCreate?.issueLabel?.id;
    if (!id) throw providerError("PERMANENT", { service: SERVICE, said: `the label ${name} could not be created` });
    return id;
  };

  const issueInput = async (conn: TargetConnection, team: string, draft: TicketDraft) => ({
    title: truncate(draft.title, MAX_TITLE),
    description: markdownOf(draft.description),
    labelIds: await labelIds(conn, team, ticketLabels(draft)),
  });

  return {
    provider: "LINEAR",
    async check(conn) {
      await teamId(conn);
    },
    async findByLabel(conn, label) {
      const { issues } = await gql<{ issues: { nodes: LinearIssue[] } }>(conn, ISSUES_BY_LABEL, {
        team: teamFilter(conn),
        label,
      });
      const issue = issues?.nodes?.[0];
      return issue ? refOf(issue) : null;
    },
    async create(conn, draft) {
      const team = await teamId(conn);
      const input = { teamId: team, ...(await issueInput(conn, team, draft)) };
      const { issueCreate } = await gql<{ issueCreate: { issue?: LinearIssue | null } }>(conn, ISSUE_CREATE, { input });
      return refOf(issueCreate?.issue);
    },
    async update(conn, key, draft) {
      const input = await issueInput(conn, await teamId(conn), draft);
      const { issueUpdate } = await gql<{ issueUpdate: { issue?: LinearIssue | null } }>(conn, ISSUE_UPDATE, {
        id: key,
        input,
      });
      return refOf(issueUpdate?.issue);
    },
  };
};
