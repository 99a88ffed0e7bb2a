import { graphql, type Bench } from "../setup.js";
import { atMostRatio, round, type Result } from "../stats.js";

const CREATE = /* GraphQL */ `
  mutation Create($input: PortableExportInput!) {
    createPortableExport(input: $input) { id byteSize rowCount downloadUrl }
  }
`;

/** The same rows as the CSV download, as PostgreSQL's own CSV writer produces them: the floor of any CSV export. */
async function copyCsv(bench: Bench, exportId: string): Promise<number> {
  if (!/^[0-9a-f-]{36}$/.test(exportId)) throw new Error("not an export id");
  // COPY takes no parameters: the id is a checked UUID literal. A connection of its own: postgres.js leaves a pooled
  // connection unusable for a second COPY.
  const sql = bench.connect();
  const stream = await sql
    .unsafe(`
    copy (
      select s.source_type, s.source_id, s.title, s.severity, s.priority, s.affected_url, s.labels,
        s.acceptance_criteria, s.description, s.evidence_links, i.export_status, k.fingerprint, k.label
      from portable_export_items i
      join export_sources s on s.id = i.export_source_id
      join duplicate_keys k on k.id = i.duplicate_key_id
      where i.portable_export_id = '${exportId}'
      order by i.position
    ) to stdout (format csv)`)
    .readable();
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  await sql.end();
  return bytes;
}

/** Downloads a file through the route, counting bytes and sampling this process's RSS; returns the peak growth. */
async function download(bench: Bench, path: string) {
  // From a collected heap: the garbage that making three 100,000-source files left would otherwise be counted
  // against (or hidden by) whichever download V8 chose to collect it in.
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const response = await fetch(`${bench.server.url}${path}`, { headers: { authorization: `Bearer ${bench.token}` } });
  if (response.status !== 200) throw new Error(`download answered ${response.status}`);
  let bytes = 0;
  for await (const chunk of response.body!) bytes += (chunk as Uint8Array).length;
  clearInterval(sampler);
  return { bytes, rssGrowthMb: (Math.max(peak, process.memoryUsage().rss) - rssBefore) / 1024 / 1024 };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** The median of three timed runs: one download is long enough that a stray pause would decide a ratio. */
async function median<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const runs = [await timed(work), await timed(work), await timed(work)].sort((a, b) => a.ms - b.ms);
  return runs[1];
}

/**
 * P2: files of every source of a report through the download route. CSV against COPY of the same rows; Markdown and
 * JSON against our CSV; and the peak RSS growth of each download. Each is the median of three, after one warm download.
 */
export async function benchDownloads(bench: Bench, sourceIds: string[], log: (line: string) => void): Promise<Result[]> {
  const files: Record<string, { id: string; downloadUrl: string; byteSize: number }> = {};
  for (const format of ["CSV_EXPORT", "MARKDOWN_EXPORT", "JSON_EXPORT"]) {
    const made = await timed(() =>
      graphql(bench, CREATE, { input: { sourceIds, format, acknowledgeImportBoundary: true, redact: true } }),
    );
    files[format] = made.value.createPortableExport;
    log(`  P2 setup: ${format} of ${sourceIds.length} sources made in ${Math.round(made.ms)} ms (${files[format].byteSize} bytes)`);
    await download(bench, files[format].downloadUrl);
  }
  await copyCsv(bench, files.CSV_EXPORT.id);
  const copy = await median(() => copyCsv(bench, files.CSV_EXPORT.id));
  const csv = await median(() => download(bench, files.CSV_EXPORT.downloadUrl));
  const markdown = await median(() => download(bench, files.MARKDOWN_EXPORT.downloadUrl));
  const json = await median(() => download(bench, files.JSON_EXPORT.downloadUrl));
  const peak = Math.max(csv.value.rssGrowthMb, markdown.value.rssGrowthMb, json.value.rssGrowthMb);
  return [
    atMostRatio("P2", `CSV download ms (${sourceIds.length} sources) vs COPY ... TO STDOUT csv`, csv.ms, copy.ms, 2),
    atMostRatio("P2", "Markdown download ms vs our CSV", markdown.ms, csv.ms, 1.5),
    atMostRatio("P2", "JSON download ms vs our CSV", json.ms, csv.ms, 1.5),
    { id: "P2", metric: "peak RSS growth MB during a download", value: round(peak), baseline: 100, ratio: round(peak / 100), target: "value < 100", met: peak < 100 },
  ];
}
