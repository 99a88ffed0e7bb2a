import { graphql, type Bench } from "../setup.js";
import { atMostRatio, percentile, timeEach, type Result } from "../stats.js";

const CREATE = /* GraphQL */ `
  mutation Create($input: PortableExportInput!) { createPortableExport(input: $input) { id } }
`;

/** P5: `concurrency` requests with one idempotency key at once: one export, and p99 against a lone request. */
export async function benchIdempotency(bench: Bench, sourceIds: string[], concurrency: number, runs: number): Promise<Result[]> {
  const input = (key: string) => ({ sourceIds, format: "JSON_EXPORT", acknowledgeImportBoundary: true, redact: true, idempotencyKey: key });
  const single = await timeEach(runs, (index) => graphql(bench, CREATE, { input: input(`bench-single-${index}`) }));
  const latencies: number[] = [];
  let exports = 0;
  for (let run = 0; run < runs; run++) {
    const key = `bench-shared-${run}`;
    const answers = await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const started = performance.now();
        const data = await graphql(bench, CREATE, { input: input(key) });
        latencies.push(performance.now() - started);
        return data.createPortableExport.id as string;
      }),
    );
    const [{ count }] = await bench.sql<{ count: number }[]>`select count(*)::int as count from portable_exports where idempotency_key = ${key}`;
    if (new Set(answers).size !== 1 || count !== 1) throw new Error(`P5: ${count} exports for one key, ${new Set(answers).size} ids answered`);
    exports += count;
  }
  return [
    { id: "P5", metric: `exports made by ${concurrency} concurrent requests with one key (x${runs})`, value: exports, baseline: runs, ratio: exports / runs, target: "ratio = 1", met: exports === runs },
    atMostRatio("P5", "p99 ms of concurrent requests with one key vs a lone request", percentile(latencies, 99), percentile(single, 99), 5),
  ];
}
