import { sql } from "drizzle-orm";
import {
  getNamedType,
  getNullableType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import type { Client } from "graphql-ws";
import type { GraphQLResponse, TestServer } from "./server.js";

/** The root operation types whose fields clients call. */
export type RootName = "Query" | "Mutation" | "Subscription";

/** One field of Query, Mutation or Subscription, named as the suites key it: "Query.report". */
export interface RootField {
  root: RootName;
  name: string;
  key: string;
  field: GraphQLField<unknown, unknown>;
}

/** Every field of Query, Mutation and Subscription in `schema`, in that order, each root's fields by name. */
export function rootFields(schema: GraphQLSchema): RootField[] {
  const roots: [RootName, GraphQLObjectType | null | undefined][] = [
    ["Query", schema.getQueryType()],
    ["Mutation", schema.getMutationType()],
    ["Subscription", schema.getSubscriptionType()],
  ];
  return roots.flatMap(([root, type]) =>
    Object.values(type?.getFields() ?? {})
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((field) => ({ root, name: field.name, key: `${root}.${field.name}`, field })),
  );
}

/**
 * A selection of everything `type` offers down to `depth` levels of objects: every scalar and enum field, and every
 * object field (whose arguments are all optional) that does not lead back to a type already on the path. Generated
 * from the schema, so a field added to a type is selected without anyone editing a query. `PortableExport.items` is
 * taken as the service allows it (src/graphql/export-items-rule.ts): once, and never inside a list of exports (pass
 * `inExportList` when `type` is the item type of such a list).
 */
export function selectionOf(type: GraphQLObjectType, depth: number, inExportList = false): string {
  let itemsTaken = false;
  const select = (type: GraphQLObjectType, depth: number, path: readonly string[], inExportList: boolean): string => {
    const parts: string[] = [];
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
      const named = getNamedType(field.type);
      if (isObjectType(named)) {
        if (depth <= 1 || path.includes(named.name)) continue;
        if (type.name === "PortableExport" && field.name === "items") {
          if (inExportList || itemsTaken) continue;
          itemsTaken = true;
        }
        const listOfExports = isListType(getNullableType(field.type)) && named.name === "PortableExport";
        const inner = select(named, depth - 1, [...path, named.name], inExportList || listOfExports);
        if (inner) parts.push(`${field.name} { ${inner} }`);
      } else {
        parts.push(field.name);
      }
    }
    return parts.join(" ");
  };
  return select(type, depth, [type.name], inExportList);
}

/**
 * The document that calls one root field with every one of its arguments as a variable of the same name, selecting
 * what `selectionOf` gives for its type (depth 6 fits the service's depth, cost and token limits).
 */
export function operationOf({ root, field }: RootField, depth = 6): string {
  const variables = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(", ");
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
  const named = getNamedType(field.type);
  const listOfExports = isListType(getNullableType(field.type)) && named.name === "PortableExport";
  const selection = isObjectType(named) ? ` { ${selectionOf(named, depth, listOfExports)} }` : "";
  const name = `${field.name[0].toUpperCase()}${field.name.slice(1)}`;
  return `${root.toLowerCase()} ${name}${variables ? `(${variables})` : ""} { ${field.name}${args ? `(${args})` : ""}${selection} }`;
}

/** Tables whose rows belong to one organization (an `organization_id` column). */
export const ORGANIZATION_TABLES = [
  "api_tokens",
  "reports",
  "provider_targets",
  "duplicate_keys",
  "export_sources",
  "fallback_decisions",
  "portable_exports",
  "portable_export_items",
  "ticket_exports",
  "export_status_events",
] as const;

/** Of those, the ones with an `id` column. */
const TABLES_WITH_ID = ORGANIZATION_TABLES.filter((table) => table !== "portable_export_items");

/**
 * Every row of the organization (and the organization itself), table by table, each row as PostgreSQL prints it,
 * sorted: two snapshots are equal exactly when nothing of the organization was added, changed or removed.
 */
export async function organizationRows(api: TestServer, organizationId: string): Promise<Record<string, string[]>> {
  const { rows } = api.server.services.database;
  const snapshot: Record<string, string[]> = {};
  const [organization] = await rows<{ row: string }>(sql`select o::text as row from organizations o where o.id = ${organizationId}`);
  snapshot.organizations = organization ? [organization.row] : [];
  for (const table of ORGANIZATION_TABLES) {
    const found = await rows<{ row: string }>(
      sql`select t::text as row from ${sql.raw(table)} t where t.organization_id = ${organizationId} order by 1`,
    );
    snapshot[table] = found.map((row) => row.row);
  }
  return snapshot;
}

/** The ids of every row of the organization, the organization's own id included. */
export async function organizationIds(api: TestServer, organizationId: string): Promise<Set<string>> {
  const { rows } = api.server.services.database;
  const ids = new Set<string>([organizationId]);
  for (const table of TABLES_WITH_ID) {
    const found = await rows<{ id: string }>(sql`select t.id::text as id from ${sql.raw(table)} t where t.organization_id = ${organizationId}`);
    for (const row of found) ids.add(row.id);
  }
  return ids;
}

/** The id of the organization with this slug. */
export async function organizationIdOf(api: TestServer, slug: string): Promise<string> {
  const [row] = await api.server.services.database.rows<{ id: string }>(sql`select id::text as id from organizations where slug = ${slug}`);
  if (!row) throw new Error(`no organization "${slug}"`);
  return row.id;
}

/** The `extensions.code` of each error of a response, in order. */
export const codes = (response: Pick<GraphQLResponse, "errors">) => (response.errors ?? []).map((error) => error.extensions?.code);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Every UUID written anywhere in `value` (serialised as JSON), lowercased, without repeats. */
export function uuidsIn(value: unknown): string[] {
  return [...new Set((JSON.stringify(value ?? null).match(UUID) ?? []).map((id) => id.toLowerCase()))];
}

/** How an operation reaches the service. */
export type Transport = "HTTP" | "WebSocket";

/** The transports a root field can be called over: queries and mutations over both, subscriptions over WebSocket. */
export const transportsOf = ({ root }: Pick<RootField, "root">): Transport[] => (root === "Subscription" ? ["WebSocket"] : ["HTTP", "WebSocket"]);

/** What one query or mutation sent over graphql-ws got: its single result, or the close code of a refused socket. */
export interface WsOutcome {
  response: GraphQLResponse | null;
  closeCode: number | null;
}

/**
 * Runs a query or mutation over graphql-ws on `client` and resolves with its one result as sent (data and errors,
 * exactly as on HTTP), or with the close code when the socket was closed instead (e.g. 4403 without a valid token).
 */
export function wsExecute(client: Client, query: string, variables: Record<string, unknown>): Promise<WsOutcome> {
  return new Promise((resolve) => {
    let response: GraphQLResponse | null = null;
    client.subscribe<Record<string, unknown>>(
      { query, variables },
      {
        next: (result) => {
          response = result as GraphQLResponse;
        },
        error: (error) => {
          if (Array.isArray(error)) resolve({ response: { data: null, errors: error as GraphQLResponse["errors"] }, closeCode: null });
          else if (error && typeof (error as { code?: unknown }).code === "number") resolve({ response, closeCode: (error as { code: number }).code });
          else resolve({ response: { data: null, errors: [{ message: String((error as Error)?.message ?? error) }] }, closeCode: null });
        },
        complete: () => resolve({ response, closeCode: null }),
      },
    );
  });
}
