import { and, asc, eq, gt, inArray, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { duplicateKeys, exportSources, type DuplicateKeyRow, type ExportSourceRow } from "../../db/schema.js";
import { PAGE_SIZES, SOURCE_LIMITS, pageSize, sourceIdList } from "../../domain/input-rules.js";
import { notFound } from "../../errors.js";
import { anyId, idIs } from "../common/ids.js";
import { decodeCursor, toPage, type Page } from "../common/connection.js";
import type { ExportSourceFilter } from "./export-source.input.js";

export interface SourcePage extends Page<ExportSourceRow> {
  /** The duplicate keys of the page's sources, read in the same statement so the loader need not ask again. */
  duplicateKeys: DuplicateKeyRow[];
}

function filterConditions(filter: ExportSourceFilter | null | undefined): (SQL | undefined)[] {
  return [
    filter?.severity?.length ? inArray(exportSources.severity, filter.severity) : undefined,
    filter?.sourceType?.length ? inArray(exportSources.sourceType, filter.sourceType) : undefined,
    filter?.exportStatus?.length ? inArray(exportSources.exportStatus, filter.exportStatus) : undefined,
  ];
}

export class ExportSourceService {
  constructor(private readonly db: Db) {}

  /**
   * The organization's sources with these ids, in the order asked: what an operation on sources (a decision, a file,
   * a native export) starts from. BAD_USER_INPUT for an empty, oversized or repeated list; NOT_FOUND naming the first
   * id that is not the organization's. Defaults: field "sourceIds", at most 5,000 sources.
   */
  async load(
    organizationId: string,
    sourceIds: readonly string[],
    { field = "sourceIds", max = SOURCE_LIMITS.perCall }: { field?: string; max?: number } = {},
  ): Promise<ExportSourceRow[]> {
    sourceIdList(field, sourceIds, max);
    const rows = await this.db
      .select()
      .from(exportSources)
      .where(and(eq(exportSources.organizationId, organizationId), anyId(exportSources.id, sourceIds)));
    const byId = new Map(rows.map((row) => [row.id, row]));
    const missing = sourceIds.find((id) => !byId.has(id));
    if (missing !== undefined) throw notFound("export source", missing);
    return sourceIds.map((id) => byId.get(id)!);
  }

  /** A page of a report's sources in ingest order, with the total count and duplicate keys in one statement. */
  async list(
    organizationId: string,
    reportId: string,
    args: { first?: number | null; after?: string | null; filter?: ExportSourceFilter | null },
  ): Promise<SourcePage> {
    const size = pageSize(args.first, PAGE_SIZES.connection);
    const after = args.after ? decodeCursor(args.after) : null;
    const matching = and(
      eq(exportSources.organizationId, organizationId),
      idIs(exportSources.reportId, reportId),
      ...filterConditions(args.filter),
    );
    const rows = await this.db
      .select({ source: exportSources, duplicateKey: duplicateKeys, totalCount: this.db.$count(exportSources, matching) })
      .from(exportSources)
      .innerJoin(duplicateKeys, eq(duplicateKeys.id, exportSources.duplicateKeyId))
      .where(and(matching, after === null ? undefined : gt(exportSources.seq, after)))
      .orderBy(asc(exportSources.seq))
      .limit(size + 1);
    const totalCount = rows[0]?.totalCount ?? (await this.db.$count(exportSources, matching));
    return {
      ...toPage(
        rows.map((row) => row.source),
        size,
        Number(totalCount),
      ),
      duplicateKeys: rows.map((row) => row.duplicateKey),
    };
  }
}
