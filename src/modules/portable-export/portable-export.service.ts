import { createHash } from "node:crypto";
import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database, Db } from "../../db/client.js";
import {
  duplicateKeys,
  portableExportItems,
  portableExports,
  portableExportSummary,
  reports,
  type ExportSourceRow,
  type PortableExportRow,
} from "../../db/schema.js";
import { canMove } from "../../domain/export-status.js";
import { exportFileName, exportItem, exportReport } from "../../domain/export-snapshot.js";
import type { ExportReport } from "../../domain/export-item.js";
import { chooseFormat, type FormatChoice } from "../../domain/format-choice.js";
import { SOURCE_LIMITS, TEXT_LIMITS, text } from "../../domain/input-rules.js";
import { computeReadiness, type Readiness } from "../../domain/readiness.js";
import { createRenderer, type ExportMeta, type FileRenderer } from "../../domain/render/index.js";
import {
  blockingFindings,
  partitionEvidenceLinks,
  scanSource,
  SOURCE_ID_FIELD,
  SOURCE_ID_REMEDY,
  type SafetyFinding,
} from "../../domain/safety/index.js";
import type { FileFormat } from "../../domain/vocabulary.js";
import type { Principal } from "../../auth/tokens.js";
import { DomainError, ErrorCode, badInput } from "../../errors.js";
import { changeExportStatus, sourcesWithIds } from "../export-status/export-status.service.js";
import type { ExportSourceService } from "../export-source/export-source.service.js";
import type { Decided, FallbackDecisionService } from "../fallback-decision/fallback-decision.service.js";
import { chunks } from "../common/batch.js";
import { anyId, idIs } from "../common/ids.js";
import type { PortableExportInput } from "./portable-export.input.js";

/** Sources loaded, rendered and written per statement while a file is built or downloaded. */
const BATCH = 1_000;
const SAMPLE_ITEMS = 3;
/** How long a request waits for a concurrent request with the same idempotency key to finish its file. */
const IDEMPOTENT_WAIT_MS = 120_000;
/** An unfinished file this old lost its writer (the largest exports are written in well under this). */
const STALE_BUILD_MS = 15 * 60_000;

export interface ExportPlan {
  sources: ExportSourceRow[];
  keys: Map<string, { fingerprint: string; label: string }>;
  report: { id: string; externalId: string; title: string; siteUrl: string };
  choice: FormatChoice;
  decided: Decided[];
  findings: (SafetyFinding & { exportSourceId: string })[];
  /** The findings that refuse the export: all of them, or with redaction those it cannot remove (in sourceId). */
  blocking: (SafetyFinding & { exportSourceId: string })[];
  findingsBySource: Map<string, SafetyFinding[]>;
  /** The report as files name it, scanned once. */
  fileReport: ExportReport;
}

/** The status the file states for a source: PORTABLE_READY when the export moves it there, else its own. */
const statusInFile = (source: ExportSourceRow) => (canMove(source.exportStatus, "PORTABLE_READY") ? "PORTABLE_READY" : source.exportStatus);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PortableExportService {
  private readonly db: Db;
  /** Exports being made in this instance, by organization and idempotency key. */
  private readonly inflight = new Map<string, Promise<PortableExportRow>>();

  constructor(
    private readonly database: Database,
    private readonly sources: ExportSourceService,
    private readonly decisions: FallbackDecisionService,
  ) {
    this.db = database.db;
  }

  /** Loads and checks what an export of `input` would hold; throws BAD_USER_INPUT / NOT_FOUND on bad input. */
  async plan(organizationId: string, input: PortableExportInput): Promise<ExportPlan> {
    const sources = await this.sources.load(organizationId, input.sourceIds, {
      field: "input.sourceIds",
      max: SOURCE_LIMITS.perExport,
    });
    const reportIds = new Set(sources.map((source) => source.reportId));
    if (reportIds.size > 1) {
      throw badInput("input.sourceIds", `names sources of ${reportIds.size} reports; export one report at a time.`);
    }
    const [report] = await this.db.select().from(reports).where(eq(reports.id, sources[0].reportId));
    const keyRows = await this.db
      .select({ id: duplicateKeys.id, fingerprint: duplicateKeys.fingerprint, label: duplicateKeys.label })
      .from(duplicateKeys)
      .where(and(eq(duplicateKeys.organizationId, organizationId), anyId(duplicateKeys.id, sources.map((source) => source.duplicateKeyId))));
    const keys = new Map(keyRows.map((row) => [row.id, row]));
    const findingsBySource = new Map(sources.map((source) => [source.id, scanSource(source)]));
    const redact = Boolean(input.redact);
    const decided = await this.decisions.decide(organizationId, sources, {
      requirement: { keep: true },
      // The counts already leave out what redaction removes, so they alone say whether a source is blocked.
      findingCounts: new Map([...findingsBySource].map(([id, found]) => [id, blockingFindings(found, redact).length])),
    });
    const findings = sources.flatMap((source) =>
      findingsBySource.get(source.id)!.map((finding) => ({ ...finding, exportSourceId: source.id })),
    );
    return {
      sources,
      keys,
      report,
      choice: chooseFormat(input.format, input.intendedTracker ?? null, sources),
      decided,
      findings,
      blocking: blockingFindings(findings, redact),
      findingsBySource,
      fileReport: exportReport(report),
    };
  }

  /** `previewPortableExport`: items, readiness, findings and a redacted sample, without making a file. */
  async preview(principal: Principal, input: PortableExportInput) {
    const plan = await this.plan(principal.organizationId, input);
    const unsafeBySource = new Map<string, number>();
    for (const finding of plan.blocking) unsafeBySource.set(finding.exportSourceId, (unsafeBySource.get(finding.exportSourceId) ?? 0) + 1);
    const items = plan.decided.map(({ source, decision }) => ({
      exportSourceId: source.id,
      duplicateKeyId: source.duplicateKeyId,
      // As the file would state it (and the sample does), like the items of a made export.
      exportStatus: statusInFile(source),
      readiness: computeReadiness({
        sourceType: source.sourceType,
        sourceId: source.sourceId,
        exportStatus: source.exportStatus,
        format: plan.choice.format,
        decision,
        fingerprint: plan.keys.get(source.duplicateKeyId)?.fingerprint ?? null,
        importBoundaryAcknowledged: input.acknowledgeImportBoundary,
        unsafeFindings: unsafeBySource.get(source.id) ?? 0,
      }) satisfies Readiness,
    }));
    const renderer = createRenderer(plan.choice.format, plan.choice.dialect);
    const meta = this.meta(principal, plan, "preview", new Date(0));
    const sample = [
      renderer.begin(meta),
      ...plan.sources.slice(0, SAMPLE_ITEMS).map((source, index) => renderer.item(this.item(plan, source, true), index)),
    ].join("");
    return {
      format: plan.choice.format,
      formatReason: plan.choice.reason,
      dialect: plan.choice.dialect,
      items,
      safe: plan.blocking.length === 0,
      findings: plan.findings,
      droppedEvidenceLinks: plan.sources.flatMap((source) =>
        partitionEvidenceLinks(source.evidenceLinks).dropped.map(({ index, reason }) => ({
          exportSourceId: source.id,
          field: `evidenceLinks[${index}]`,
          reason,
        })),
      ),
      sample,
    };
  }

  private item(plan: ExportPlan, source: ExportSourceRow, redact: boolean) {
    const key = plan.keys.get(source.duplicateKeyId)!;
    return exportItem(source, key, plan.fileReport, statusInFile(source), redact, plan.findingsBySource.get(source.id));
  }

  private meta(principal: Principal, plan: ExportPlan, exportId: string, createdAt: Date): ExportMeta {
    return {
      exportId,
      organization: principal.organizationSlug,
      createdAt,
      format: plan.choice.format,
      dialect: plan.choice.dialect,
      formatReason: plan.choice.reason,
      report: plan.fileReport,
      itemCount: plan.sources.length,
    };
  }

  /**
   * `createPortableExport`: refuses unless the import boundary is acknowledged, no native target is usable (or the
   * customer required a file) and every source is safe (or `redact`); then writes the file once, item by item,
   * computes its sha256, records the decisions and moves the sources to PORTABLE_READY.
   */
  async create(principal: Principal, input: PortableExportInput): Promise<PortableExportRow> {
    const organizationId = principal.organizationId;
    if (!input.acknowledgeImportBoundary) {
      throw new DomainError(
        ErrorCode.IMPORT_BOUNDARY_NOT_ACKNOWLEDGED,
        "Set acknowledgeImportBoundary: true to confirm that the customer owns the import of this file and that it is not proof of remediation.",
      );
    }
    const key =
      input.idempotencyKey == null
        ? null
        : text("input.idempotencyKey", input.idempotencyKey, TEXT_LIMITS.idempotencyKey, { required: false }) || null;
    const requestHash = hashRequest(input);
    if (!key) return this.createFile(principal, input, null, requestHash);
    // Requests with one key in this instance share one attempt; other instances meet at the key's unique index.
    const flightKey = `${organizationId}\u0000${key}`;
    const flight = this.inflight.get(flightKey);
    if (flight) {
      await flight.catch(() => undefined);
      return (await this.sameKey(organizationId, key, requestHash)) ?? this.create(principal, input);
    }
    const attempt = (async () =>
      (await this.sameKey(organizationId, key, requestHash)) ?? this.createFile(principal, input, key, requestHash))();
    this.inflight.set(flightKey, attempt);
    try {
      return await attempt;
    } finally {
      this.inflight.delete(flightKey);
    }
  }

  private async createFile(principal: Principal, input: PortableExportInput, key: string | null, requestHash: string): Promise<PortableExportRow> {
    const organizationId = principal.organizationId;
    const plan = await this.plan(organizationId, input);
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
        requestHash,
        createdBy: principal.actor,
        createdAt,
      })
      .onConflictDoNothing()
      .returning();
    // Another request with the same key got there first: its export is the answer, or, when it failed and freed the
    // key, this request takes the key itself.
    if (!row) return (await this.sameKey(organizationId, key!, requestHash)) ?? this.createFile(principal, input, key, requestHash);
    try {
      return await this.build(principal, plan, renderer, row);
    } catch (error) {
      await this.db.delete(portableExports).where(eq(portableExports.id, row.id));
      throw error;
    }
  }

  /** Writes the items, then in one transaction makes the export ready, records decisions and moves statuses. */
  private async build(principal: Principal, plan: ExportPlan, renderer: FileRenderer, row: PortableExportRow) {
    const meta = this.meta(principal, plan, row.id, row.createdAt);
    const redact = row.redacted;
    const hash = createHash("sha256");
    let byteSize = 0;
    const take = (text: string) => {
      hash.update(text, "utf8");
      byteSize += Buffer.byteLength(text, "utf8");
      return text;
    };
    const fileHead = take(renderer.begin(meta));
    let position = 0;
    for (const batch of chunks(plan.sources)) {
      const values = batch.map((source) => {
        const item = this.item(plan, source, redact);
        const index = position++;
        return {
          portableExportId: row.id,
          position: index,
          organizationId: row.organizationId,
          exportSourceId: source.id,
          duplicateKeyId: source.duplicateKeyId,
          exportStatus: item.exportStatus,
          rendered: take(renderer.item(item, index)),
        };
      });
      await this.db.insert(portableExportItems).values(values);
      // Rendering is CPU work: let other requests run between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const fileTail = take(renderer.end(meta));
    return this.db.transaction(async (tx) => {
      const [ready] = await tx
        .update(portableExports)
        .set({ fileHead, fileTail, byteSize, sha256: hash.digest("hex"), readyAt: sql`now()` })
        .where(eq(portableExports.id, row.id))
        .returning();
      await this.decisions.record(row.organizationId, plan.decided, tx);
      await changeExportStatus(tx, row.organizationId, sourcesWithIds(plan.sources.map((source) => source.id)), {
        to: "PORTABLE_READY",
        cause: `portable-export:${row.id}`,
        actor: principal.actor,
      });
      return ready;
    });
  }

  /**
   * The export made earlier with this idempotency key: null when none, IDEMPOTENCY_KEY_REUSED when it was made from
   * other input. One still being written is waited for.
   */
  private async sameKey(organizationId: string, key: string, requestHash: string): Promise<PortableExportRow | null> {
    const deadline = Date.now() + IDEMPOTENT_WAIT_MS;
    for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
      const [row] = await this.db
        .select()
        .from(portableExports)
        .where(and(eq(portableExports.organizationId, organizationId), eq(portableExports.idempotencyKey, key)));
      if (!row) return null;
      if (row.requestHash !== requestHash) {
        throw new DomainError(
          ErrorCode.IDEMPOTENCY_KEY_REUSED,
          `The idempotency key "${key.slice(0, 60)}" was used for a different export request; use a new key for new input.`,
          { portableExportId: row.id },
        );
      }
      if (row.readyAt) return row;
      if (Date.now() - row.createdAt.getTime() > STALE_BUILD_MS) {
        // Its writer died between the two phases: the key is free again.
        await this.db.delete(portableExports).where(and(eq(portableExports.id, row.id), isNull(portableExports.readyAt)));
        return null;
      }
      if (Date.now() > deadline) {
        throw new DomainError(
          ErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS,
          `An export with the idempotency key "${key.slice(0, 60)}" is still being written by another request; send the same request again later to get it.`,
          { portableExportId: row.id },
        );
      }
      await sleep(wait);
    }
  }

  /** A ready export of the organization, by id: what downloads and queries see. */
  async readyExport(organizationId: string, id: string) {
    const [row] = await this.db
      .select()
      .from(portableExports)
      .where(and(eq(portableExports.organizationId, organizationId), idIs(portableExports.id, id)));
    return row ?? null;
  }

  /** The organization's ready exports of a report, newest first. */
  listForReport(organizationId: string, reportId: string) {
    return this.db
      .select(portableExportSummary)
      .from(portableExports)
      .where(and(eq(portableExports.organizationId, organizationId), eq(portableExports.reportId, reportId), isNotNull(portableExports.readyAt)))
      .orderBy(sql`${portableExports.createdAt} desc`, asc(portableExports.id));
  }

  /**
   * The file's parts in order: head, the items' stored text (read in batches, as bytes where the driver gives them),
   * tail.
   */
  async *fileChunks(file: PortableExportRow): AsyncGenerator<string | Uint8Array> {
    yield storedHead(file);
    let after = -1;
    for (;;) {
      const rows = await this.database.textRows(
        sql`select ${portableExportItems.position}::text, ${portableExportItems.rendered} from ${portableExportItems}
            where ${portableExportItems.portableExportId} = ${file.id} and ${portableExportItems.position} > ${after}
            order by ${portableExportItems.position} limit ${BATCH}`,
      );
      if (rows.length === 0) break;
      const texts = rows.map((row) => row[1]);
      yield texts.every((text) => typeof text === "string") ? texts.join("") : Buffer.concat(texts as Uint8Array[]);
      after = Number(String(rows[rows.length - 1][0]));
    }
    yield file.fileTail;
  }

  /** Counts a completed download and moves the file's sources from PORTABLE_READY to PORTABLE_DOWNLOADED. */
  async recordDownload(principal: Principal, file: PortableExportRow) {
    // The ids as one array: the planner has no statistics yet for a file just written, and a join or EXISTS over
    // the items can turn quadratic; primary-key look-ups cannot.
    const items = await this.db
      .select({ id: portableExportItems.exportSourceId })
      .from(portableExportItems)
      .where(eq(portableExportItems.portableExportId, file.id));
    await this.db.transaction(async (tx) => {
      await tx
        .update(portableExports)
        .set({ downloadCount: sql`${portableExports.downloadCount} + 1` })
        .where(eq(portableExports.id, file.id));
      await changeExportStatus(tx, file.organizationId, sourcesWithIds(items.map((item) => item.id)), {
        to: "PORTABLE_DOWNLOADED",
        cause: `download:${file.id}`,
        actor: principal.actor,
      });
    });
  }

}

/**
 * The head as it was written. PGlite decodes each text value with a TextDecoder, which drops a leading byte order
 * mark: a generic-excel head comes back without the BOM that the file's sha256 and byte size count, so it is put back.
 */
function storedHead(file: PortableExportRow): string {
  const bom = createRenderer(file.format as FileFormat, file.dialect).byteOrderMark ? "\uFEFF" : "";
  return file.fileHead.startsWith(bom) ? file.fileHead : bom + file.fileHead;
}

/** sha256 of what makes two requests the same export: a retry must send exactly this again. */
function hashRequest(input: PortableExportInput): string {
  const canonical = JSON.stringify([input.sourceIds, input.format, input.intendedTracker ?? null, Boolean(input.redact)]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** The product rules of a portable export: a usable native target wins, and unsafe content never leaves. */
function refuseUnlessPortable(plan: ExportPlan, redact: boolean) {
  const native = plan.decided.filter(({ decision }) => decision.outcome === "PROVIDER_NATIVE");
  if (native.length > 0) {
    throw new DomainError(
      ErrorCode.PROVIDER_NATIVE_AVAILABLE,
      `${native[0].decision.detail} ${native.length} of ${plan.decided.length} sources can go provider-native; export them there, or record the customer's requirement for a file with evaluateFallback(requirePortable: true, reason).`,
      { sourceIds: native.map(({ source }) => source.id), targetId: native[0].decision.targetId },
    );
  }
  if (plan.blocking.length > 0) {
    const fields = plan.blocking.map((finding) => ({
      sourceId: finding.exportSourceId,
      field: finding.field,
      kind: finding.kind,
      rule: finding.rule,
    }));
    const sources = new Set(fields.map((field) => field.sourceId));
    // Ids first: they are the findings that redaction cannot clear, so a person must see them.
    const inId = fields.filter((field) => field.field === SOURCE_ID_FIELD);
    const named = [...inId, ...fields.filter((field) => field.field !== SOURCE_ID_FIELD)]
      .slice(0, 5)
      .map((field) => `${field.sourceId} ${field.field} (${field.kind.toLowerCase()})`)
      .join(", ");
    const redactable = fields.length - inId.length;
    const remedy = redact || redactable === 0 ? "must be fixed at the source" : "must be fixed at the source or redacted (redact: true)";
    throw new DomainError(
      ErrorCode.UNSAFE_PREVIEW_BLOCKED,
      `${fields.length} safety findings in ${sources.size} sources ${remedy}: ${named}${fields.length > 5 ? ", ..." : ""}.` +
        (inId.length > 0 ? ` ${SOURCE_ID_REMEDY}` : ""),
      { findings: fields },
    );
  }
}
