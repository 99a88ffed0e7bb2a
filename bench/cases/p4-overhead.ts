import { createServer, type Server } from "node:http";
import autocannon from "autocannon";
import { graphql as execute } from "graphql";
import { authenticate, bearerToken } from "../../src/auth/tokens.js";
import { createContext } from "../../src/context.js";
import { buildApiSchema } from "../../src/schema.js";
import type { Bench } from "../setup.js";
import { round, type Result } from "../stats.js";

const QUERY = `query Small($id: ID!) { report(id: $id) { id externalId title siteUrl } }`;

/** graphql-js alone behind node:http, over the same schema, resolvers, authentication and context. */
async function bareHandler(bench: Bench): Promise<Server> {
  const { services } = bench.server;
  const schema = await buildApiSchema();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { query, variables } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const token = bearerToken(req.headers.authorization);
    const principal = token ? await authenticate(services.database.db, token) : null;
    const result = await execute({ schema, source: query, variableValues: variables, contextValue: createContext(services, principal) });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(result));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

async function requestsPerSecond(url: string, token: string, reportId: string, seconds: number): Promise<number> {
  const result = await autocannon({
    url,
    method: "POST",
    connections: 10,
    duration: seconds,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERY, variables: { id: reportId } }),
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`P4: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.requests.average;
}

/** P4: requests per second of a small query through the service (Apollo, express, type-graphql) against the bare handler. */
export async function benchOverhead(bench: Bench, reportId: string, seconds: number): Promise<Result[]> {
  const bare = await bareHandler(bench);
  const bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}/graphql`;
  const oursUrl = `${bench.server.url}/graphql`;
  await requestsPerSecond(oursUrl, bench.token, reportId, 1);
  await requestsPerSecond(bareUrl, bench.token, reportId, 1);
  const ours = await requestsPerSecond(oursUrl, bench.token, reportId, seconds);
  const baseline = await requestsPerSecond(bareUrl, bench.token, reportId, seconds);
  await new Promise((resolve) => bare.close(resolve));
  const ratio = ours / baseline;
  return [{ id: "P4", metric: "requests/s of a small query vs a bare graphql-js handler", value: round(ours), baseline: round(baseline), ratio: round(ratio), target: "ratio >= 0.5", met: ratio >= 0.5 }];
}
