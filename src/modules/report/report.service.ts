import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { duplicateKeys, exportSources, reports, type ReportRow } from "../../db/schema.js";
import { duplicateKeyOf } from "../../domain/fingerprint.js";
import { validateIngest, type IngestDraft, type ValidSource } from "../../domain/ingest-validation.js";
import { PAGE_SIZES, pageSize } from "../../domain/input-rules.js";
import { chunks } from "../common/batch.js";
import { decodeCursor, toPage } from "../common/connection.js";
import { anyText } from "../common/ids.js";

export class ReportService {
  constructor(private readonly db: Db) {}

  /**
   * Creates or updates a report and its sources in one transaction. Re-ingesting the same externalId updates the
   * report and the sources' content, adds new sources and never touches export state or remediation status.
   */
  async ingest(organizationId: string, draft: IngestDraft): Promise<ReportRow> {
    const input = validateIngest(draft);
    return this.db.transaction(async (tx) => {
      const [report] = await tx
        .insert(reports)
        .values({ organizationId, externalId: input.externalId, title: input.title, siteUrl: input.siteUrl })
        .onConflictDoUpdate({
          target: [reports.organizationId, reports.externalId],
          set: { title: input.title, siteUrl: input.siteUrl, updatedAt: sql`now()` },
        })
        .returning();
      const keyIds = await this.ensureDuplicateKeys(tx, organizationId, input.sources);
      for (const batch of chunks(input.sources)) {
        await tx
          .insert(exportSources)
          .values(
            batch.map((source) => ({
              ...source,
              organizationId,
              reportId: report.id,
              duplicateKeyId: keyIds.get(`${source.sourceType}:${source.sourceId}`)!,
            })),
          )
          .onConflictDoUpdate({
            target: [exportSources.reportId, exportSources.sourceType, exportSources.sourceId],
            set: {
              title: sql`excluded.title`,
              severity: sql`excluded.severity`,
              priority: sql`excluded.priority`,
              affectedUrl: sql`excluded.affected_url`,
              labels: sql`excluded.labels`,
              acceptanceCriteria: sql`excluded.acceptance_criteria`,
              description: sql`excluded.description`,
              evidenceLinks: sql`excluded.evidence_links`,
              updatedAt: sql`now()`,
            },
          });
      }
      return report;
    });
  }

  /**
   * One duplicate key per (organization, sourceType, sourceId), whatever the report: concurrent ingests of the same
   * source race on the unique index and all end up reading the one row that won.
   */
  private async ensureDuplicateKeys(tx: Tx, organizationId: string, sources: ValidSource[]) {
    const keys = sources
      .map((source) => ({
        organizationId,
        sourceType: source.sourceType,
        sourceId: source.sourceId,
        ...duplicateKeyOf(organizationId, source.sourceType, source.sourceId),
      }))
      // One lock order for every transaction, so that two ingests of overlapping sources cannot deadlock.
      .sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1));
    for (const batch of chunks(keys)) await tx.insert(duplicateKeys).values(batch).onConflictDoNothing();
    const rows = await tx
      .select({ id: duplicateKeys.id, sourceType: duplicateKeys.sourceType, sourceId: duplicateKeys.sourceId })
      .from(duplicateKeys)
      .where(and(eq(duplicateKeys.organizationId, organizationId), anyText(duplicateKeys.fingerprint, keys.map((key) => key.fingerprint))));
    return new Map(rows.map((row) => [`${row.sourceType}:${row.sourceId}`, row.id]));
  }

  /** The organization's reports, newest first. */
  async list(organizationId: string, first: number | null | undefined, after: string | null | undefined) {
    const size = pageSize(first, PAGE_SIZES.connection);
    const before = after ? decodeCursor(after) : null;
    const ofOrganization = eq(reports.organizationId, organizationId);
    const rows = await this.db
      .select({ report: reports, totalCount: this.db.$count(reports, ofOrganization) })
      .from(reports)
      .where(and(ofOrganization, before === null ? undefined : lt(reports.seq, before)))
      .orderBy(desc(reports.seq))
      .limit(size + 1);
    const totalCount = rows[0]?.totalCount ?? (await this.db.$count(reports, ofOrganization));
    return toPage(
      rows.map((row) => row.report),
      size,
      Number(totalCount),
    );
  }
}
