import { randomUUID } from "node:crypto";
import { buildSchema, graphql, GraphQLError } from "graphql";
import { editIssue, fileIssue, route, startTracker } from "./server.js";
import type { FakeIssue, FakeTracker, FakeTrackerOptions, Reply, TrackerContext, TrackerSpec } from "./server.js";

/** The slice of Linear's schema the adapter uses, with Linear's names, so a query typo fails here as it would there. */
const schema = buildSchema(`
  input StringComparator { eq: String eqIgnoreCase: String in: [String!] }
  input IDComparator { eq: ID }
  input TeamFilter { id: IDComparator key: StringComparator }
  input NullableTeamFilter { id: IDComparator null: Boolean }
  input IssueLabelCollectionFilter { name: StringComparator }
  input IssueFilter { team: TeamFilter labels: IssueLabelCollectionFilter }
  input IssueLabelFilter { name: StringComparator team: NullableTeamFilter }
  input IssueCreateInput { teamId: String! title: String description: String labelIds: [String!] }
  input IssueUpdateInput { title: String description: String labelIds: [String!] }
  input IssueLabelCreateInput { name: String! teamId: String color: String }
  type Team { id: ID! key: String! name: String! }
  type TeamConnection { nodes: [Team!]! }
  type IssueLabel { id: ID! name: String! team: Team }
  type IssueLabelConnection { nodes: [IssueLabel!]! }
  type Issue { id: ID! identifier: String! title: String! description: String url: String! }
  type IssueConnection { nodes: [Issue!]! }
  type IssuePayload { success: Boolean! issue: Issue }
  type IssueLabelPayload { success: Boolean! issueLabel: IssueLabel }
  type Query {
    teams(filter: TeamFilter, first: Int): TeamConnection!
    issues(filter: IssueFilter, first: Int): IssueConnection!
    issueLabels(filter: IssueLabelFilter, first: Int): IssueLabelConnection!
  }
  type Mutation {
    issueCreate(input: IssueCreateInput!): IssuePayload!
    issueUpdate(id: String!, input: IssueUpdateInput!): IssuePayload!
    issueLabelCreate(input: IssueLabelCreateInput!): IssueLabelPayload!
  }
`);

export interface FakeLinearLabel {
  id: string;
  name: string;
  /** null for a workspace label. */
  teamId: string | null;
}

export interface FakeLinear extends FakeTracker {
  readonly teamId: string;
  /** Workspace and team labels; the adapter creates team labels here when missing. */
  readonly labels: FakeLinearLabel[];
}

interface StringComparator {
  eq?: string;
  eqIgnoreCase?: string;
  in?: string[];
}

function matches(value: string, comparator: StringComparator | undefined): boolean {
  if (!comparator) return true;
  if (comparator.eq !== undefined && value !== comparator.eq) return false;
  if (comparator.eqIgnoreCase !== undefined && value.toLowerCase() !== comparator.eqIgnoreCase.toLowerCase()) return false;
  return comparator.in === undefined || comparator.in.includes(value);
}

/** Linear's error shape: a GraphQL error with a code in its extensions. */
export function linearError(code: string, message = code): { errors: unknown[] } {
  return { errors: [{ message, extensions: { code, userPresentableMessage: message } }] };
}

const invalidInput = (message: string) => new GraphQLError(message, { extensions: { code: "INVALID_INPUT" } });

interface Team {
  id: string;
  key: string;
  name: string;
}

function resolvers(spec: TrackerSpec, team: Team, labels: FakeLinearLabel[], context: TrackerContext) {
  type TeamFilter = { id?: { eq?: string }; key?: StringComparator };
  const teamMatches = (filter: TeamFilter | undefined) =>
    (filter?.id?.eq === undefined || filter.id.eq === team.id) && matches(team.key, filter?.key);
  const labelNode = (label: FakeLinearLabel) => ({ ...label, team: label.teamId === team.id ? team : null });
  const issueNode = ({ key, title, body, url }: FakeIssue) => ({ id: key, identifier: key, title, description: body, url });
  const namesOf = (ids: string[] | undefined) =>
    ids?.map((id) => {
      const label = labels.find((candidate) => candidate.id === id);
      if (!label) throw invalidInput(`Label ${id} not found`);
      return label.name;
    });

  return {
    teams: ({ filter }: { filter?: TeamFilter }) => ({ nodes: teamMatches(filter) ? [team] : [] }),
    issues: ({ filter }: { filter?: { team?: TeamFilter; labels?: { name?: StringComparator } } }) => ({
      nodes: teamMatches(filter?.team)
        ? context.issues
            .filter((issue) => !filter?.labels?.name || issue.labels.some((name) => matches(name, filter.labels?.name)))
            .map(issueNode)
        : [],
    }),
    issueLabels: ({ filter }: { filter?: { name?: StringComparator } }) => ({
      nodes: labels.filter((label) => matches(label.name, filter?.name)).map(labelNode),
    }),
    issueLabelCreate: ({ input }: { input: { name: string; teamId?: string } }) => {
      if (labels.some((label) => label.name === input.name && (label.teamId === null || label.teamId === input.teamId))) {
        throw invalidInput("Duplicate label name");
      }
      const label = { id: randomUUID(), name: input.name, teamId: input.teamId ?? null };
      labels.push(label);
      return { success: true, issueLabel: labelNode(label) };
    },
    issueCreate: ({ input }: { input: { teamId: string; title?: string; description?: string; labelIds?: string[] } }) => {
      if (input.teamId !== team.id) throw invalidInput("Team not found");
      const fields = { title: input.title ?? "", body: input.description ?? "", labels: namesOf(input.labelIds) ?? [] };
      const issue = fileIssue(spec, context, fields);
      return { success: true, issue: issueNode(issue) };
    },
    issueUpdate: ({ id, input }: { id: string; input: { title?: string; description?: string; labelIds?: string[] } }) => {
      const issue = context.issues.find((candidate) => candidate.key === id);
      if (!issue) throw invalidInput("Entity not found: Issue");
      editIssue(issue, { title: input.title, body: input.description, labels: namesOf(input.labelIds) });
      return { success: true, issue: issueNode(issue) };
    },
  };
}

/** A fresh team with its labels: unlike the REST fakes, each Linear fake keeps state beside its issues. */
function linearSpec(team: Team, labels: FakeLinearLabel[]): TrackerSpec {
  const spec: TrackerSpec = {
    provider: "LINEAR",
    defaults: { credential: "lin_api_fakeLinearKey0123456789", projectKey: team.key },
    authorized: (request, { credential }) => request.headers.authorization === credential,
    // A GraphQL API answers a wrong key with HTTP 200 and an error.
    unauthorized: { status: 200, body: linearError("AUTHENTICATION_ERROR", "Authentication required, not authenticated") },
    errorBody: (status) =>
      status === 429 ? linearError("RATELIMITED", "Rate limit exceeded") : { errors: [{ message: `Fake failure ${status}` }] },
    handle: async (request, context): Promise<Reply> => {
      if (!route(request, "POST", /^\/graphql$/)) return { status: 404, body: { errors: [{ message: "Not found" }] } };
      const { query, variables } = (request.json ?? {}) as { query?: string; variables?: Record<string, unknown> };
      const rootValue = resolvers(spec, team, labels, context);
      const result = await graphql({ schema, source: query ?? "", variableValues: variables, rootValue });
      return { status: result.errors && !result.data ? 400 : 200, body: result };
    },
    naming: (context, n) => ({ key: `${team.key}-${n}`, url: `${context.baseUrl}/acme/issue/${team.key}-${n}` }),
    // The CSV importer splits the Labels cell on ", ".
    importKeeps: "label",
  };
  return spec;
}

/** Linear GraphQL subset on POST /graphql: teams, issues by label, labels by name, label/issue create, issue update. */
export async function startFakeLinear(options: FakeTrackerOptions = {}): Promise<FakeLinear> {
  const team = { id: randomUUID(), key: options.projectKey ?? "ENG", name: "Engineering" };
  const labels: FakeLinearLabel[] = [];
  const tracker = await startTracker(linearSpec(team, labels), options);
  return { ...tracker, teamId: team.id, labels };
}
