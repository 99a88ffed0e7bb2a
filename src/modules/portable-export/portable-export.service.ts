import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import type { Principal } from "../../auth/tokens.js";
import type { Db } from "../../db/client.js";
import { portableExports, portableExportSummary, type PortableExportRow } from "../../db/schema.js";
import { exportFileName } from "../../domain/export-snapshot.js";
import { createRenderer } from "../../domain/render/index.js";
import { DomainError, ErrorCode } from "../../errors.js";
import type { PortableExportBuilder } from "./portable-export.builder.js";
import { PortableExportIdempotency, idempotencyKeyOf, requestHash } from "./portable-export.idempotency.js";
import type { PortableExportInput } from "./portable-export.input.js";
import { refuseUnlessPortable, type PortableExportPlanner } from "./portable-export.planner.js";
import { previewOf } from "./portable-export.preview.js";

/**
 * Portable exports as the API sees them: previews, creation and the lists of a report's files. Each step is its own
 * unit: planning and refusal (planner), the preview, idempotency, building the file (builder); this service puts
 * them in order.
 */
export class PortableExportService {
  private readonly idempotency: PortableExportIdempotency;

  constructor(
    private readonly db: Db,
    private readonly planner: PortableExportPlanner,
    private readonly builder: PortableExportBuilder,
  ) {
    this.idempotency = new PortableExportIdempotency(db);
  }

  /** `previewPortableExport`: items, readiness, findings and a redacted sample, without making a file. */
  async preview(principal: Principal, input: PortableExportInput) {
    return previewOf(await this.planner.plan(principal, input), input.acknowledgeImportBoundary);
  }

  /**
   * `createPortableExport`: refuses unless the import boundary is acknowledged, no native target is usable (or the
   * customer required a file) and every source is safe (or `redact`); then writes the file once, item by item,
   * computes its sha256, records the decisions and moves the sources to PORTABLE_READY. A retry with the same
   * idempotency key and input gets the same export.
   */
  async create(principal: Principal, input: PortableExportInput): Promise<PortableExportRow> {
    if (!input.acknowledgeImportBoundary) {
      throw new DomainError(
        ErrorCode.IMPORT_BOUNDARY_NOT_ACKNOWLEDGED,
        "Set acknowledgeImportBoundary: true to confirm that the customer owns the import of this file and that it is not proof of remediation.",
      );
    }
    const key = idempotencyKeyOf(input);
    const hash = requestHash(input);
    if (!key) return this.createFile(principal, input, null, hash);
    return this.idempotency.once(principal.organizationId, key, hash, () => this.createFile(principal, input, key, hash));
  }

  /** Plans, refuses or inserts the export's row, then builds its file; a file that fails to build leaves no row. */
  private async createFile(principal: Principal, input: PortableExportInput, key: string | null, hash: string): Promise<PortableExportRow> {
    const organizationId = principal.organizationId;
    const plan = await this.planner.plan(principal, input);
    refuseUnlessPortable(plan, Boolean(input.redact));

    const renderer = createRenderer(plan.choice.format, plan.choice.dialect);
    const createdAt = new Date();
    const [row] = await this.db
      .insert(portableExports)
      .values({
        organizationId,
        reportId: plan.report.id,
        requestedFormat: input.format,
        format: plan.choice.format,
        formatReason: plan.choice.reason,
        dialect: plan.choice.dialect,
        intendedTracker: input.intendedTracker ?? null,
        fileName: exportFileName(plan.report.externalId, plan.choice.dialect, renderer.fileExtension, createdAt),
        contentType: renderer.contentType,
        fileHead: "",
        fileTail: "",
        rowCount: plan.sources.length,
        redacted: Boolean(input.redact),
        importBoundaryAcknowledged: true,
        idempotencyKey: key,
        requestHash: hash,
        createdBy: principal.actor,
        createdAt,
      })
      .onConflictDoNothing()
      .returning();
    // Another request with the same key got there first: its export is the answer, or, when it failed and freed the
    // key, this request takes the key itself.
    if (!row) return (await this.idempotency.earlier(organizationId, key!, hash)) ?? this.createFile(principal, input, key, hash);
    try {
      return await this.builder.build(row, plan);
    } catch (error) {
      await this.db.delete(portableExports).where(eq(portableExports.id, row.id));
      throw error;
    }
  }

  /** The organization's ready exports of a report, newest first. */
  listForReport(organizationId: string, reportId: string) {
    return this.db
      .select(portableExportSummary)
      .from(portableExports)
      .where(and(eq(portableExports.organizationId, organizationId), eq(portableExports.reportId, reportId), isNotNull(portableExports.readyAt)))
      .orderBy(sql`${portableExports.createdAt} desc`, asc(portableExports.id));
  }
}
