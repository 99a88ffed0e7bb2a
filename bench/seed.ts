import { asc, eq } from "drizzle-orm";
import { exportSources, providerTargets, ticketExports } from "../src/db/schema.js";
import type { IngestSourceDraft } from "../src/domain/ingest-validation.js";
import type { Bench } from "./setup.js";

const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"] as const;

/** Source `index` of a bench report: the same text every run, shaped like a real finding. */
function source(index: number): IngestSourceDraft {
  return {
    sourceType: index % 3 === 0 ? "FIX_TASK" : "REPORT_ISSUE",
    sourceId: `finding-${index}`,
    title: `Reflected XSS in the search parameter of page ${index}, "q" value`,
    severity: SEVERITIES[index % SEVERITIES.length],
    affectedUrl: `https://shop.example.com/search?q=term-${index}&page=${index % 40}`,
    labels: ["xss", "web", `area-${index % 7}`],
    acceptanceCriteria: ["User input is HTML-encoded in the results page", "A Content-Security-Policy header is set"],
    description: `The search page reflects the q parameter without encoding, so a crafted link runs script.\nSeen on page ${index}.`,
    evidenceLinks: [{ label: "Screenshot", url: `https://evidence.example.com/shots/${index}.png` }],
  };
}

/** Ingests a report of `count` sources, 5,000 per call as clients must; returns its id and source ids in order. */
export async function seedReport(bench: Bench, externalId: string, count: number) {
  const { services } = bench.server;
  const organizationId = await organizationOf(bench);
  let reportId = "";
  for (let start = 0; start < count; start += 5_000) {
    const sources = Array.from({ length: Math.min(5_000, count - start) }, (_, offset) => source(start + offset));
    const report = await services.reports.ingest(organizationId, {
      externalId,
      title: `Bench scan ${externalId}`,
      siteUrl: "https://shop.example.com",
      sources,
    });
    reportId = report.id;
  }
  const rows = await services.database.db
    .select({ id: exportSources.id })
    .from(exportSources)
    .where(eq(exportSources.reportId, reportId))
    .orderBy(asc(exportSources.seq));
  return { reportId, sourceIds: rows.map((row) => row.id) };
}

export async function organizationOf(bench: Bench): Promise<string> {
  const [row] = await bench.sql<{ id: string }[]>`select id from organizations where slug = 'bench'`;
  return row.id;
}

/**
 * A revoked target and one failed delivery attempt per source, so that every nested list of a source has rows
 * (a revoked target keeps portable exports allowed).
 */
export async function seedTicketExports(bench: Bench, sourceIds: string[]) {
  const { services } = bench.server;
  const organizationId = await organizationOf(bench);
  const [target] = await services.database.db
    .insert(providerTargets)
    .values({
      organizationId,
      provider: "GITHUB",
      name: "bench",
      baseUrl: "https://api.github.com",
      projectKey: "acme/web",
      credentialCiphertext: services.gateway.box.seal("not-a-real-token"),
      state: "REVOKED",
      lastError: "GitHub refused the credential",
    })
    .returning();
  await services.database.db.insert(ticketExports).values(
    sourceIds.map((exportSourceId) => ({
      organizationId,
      exportSourceId,
      providerTargetId: target.id,
      action: "FAILED" as const,
      onDuplicate: "UPDATE" as const,
      error: "GitHub refused the credential",
    })),
  );
  return target.id;
}
