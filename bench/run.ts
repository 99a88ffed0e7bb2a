import { mkdirSync, writeFileSync } from "node:fs";
import { benchSourcePage } from "./cases/p1-sources.js";
import { benchDownloads } from "./cases/p2-download.js";
import { benchSubscriptions } from "./cases/p3-subscriptions.js";
import { benchOverhead } from "./cases/p4-overhead.js";
import { benchIdempotency } from "./cases/p5-idempotency.js";
import { organizationOf, seedReport, seedTicketExports } from "./seed.js";
import { startBench } from "./setup.js";
import type { Result } from "./stats.js";
import "reflect-metadata";

/**
 * `npm run bench` (`-- --quick` for a run under two minutes): every case against its baseline, in this process, on
 * PostgreSQL. Prints a table and writes bench/results/latest.json. Data is generated deterministically.
 */
const quick = process.argv.includes("--quick");
const size = quick
  ? { exportSources: 10_000, pageRuns: 50, subscribers: 200, events: 30, seconds: 3, idempotentRuns: 3 }
  : { exportSources: 100_000, pageRuns: 200, subscribers: 1_000, events: 100, seconds: 10, idempotentRuns: 10 };
const log = (line: string) => console.log(line);

const bench = await startBench();
const results: Result[] = [];
try {
  log(`bench (${quick ? "quick" : "full"}) on PostgreSQL, node ${process.version}`);
  const big = await seedReport(bench, "bench-big", size.exportSources);
  log(`  seeded ${big.sourceIds.length} sources`);
  const page = big.sourceIds.slice(0, 100);
  await bench.server.services.decisions.evaluate(await organizationOf(bench), "bench", page, null, null);
  results.push(...(await benchDownloads(bench, big.sourceIds, log)));
  await seedTicketExports(bench, page);
  // Statistics as autovacuum leaves them a minute after a bulk load; before that the planner guesses row counts.
  await bench.sql`analyze`;
  results.push(...(await benchSourcePage(bench, big.reportId, size.pageRuns)));
  const small = await seedReport(bench, "bench-small", 20);
  results.push(...(await benchOverhead(bench, small.reportId, size.seconds)));
  results.push(...(await benchIdempotency(bench, small.sourceIds, 50, size.idempotentRuns)));
  results.push(...(await benchSubscriptions(bench, small.reportId, small.sourceIds[0], size.subscribers, size.events)));
} finally {
  await bench.close();
}

console.table(results.map((result) => ({ ...result, met: result.met ? "yes" : "NO" })));
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/latest.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
log(`${results.filter((result) => result.met).length} of ${results.length} targets met; wrote bench/results/latest.json`);
process.exit(0);
