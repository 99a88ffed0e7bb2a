import { randomUUID } from "node:crypto";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Principal } from "../../auth/tokens.js";
import { executeRows, type Db } from "../../db/client.js";
import {
  duplicateKeys,
  exportSources,
  portableExportItems,
  reports,
  ticketExports,
  type DuplicateKeyRow,
  type ExportSourceRow,
  type ProviderTargetRow,
  type TicketExportRow,
} from "../../db/schema.js";
import { exportItem, exportReport } from "../../domain/export-snapshot.js";
import { decideFallback, isUsableTarget } from "../../domain/fallback-decision.js";
import { scanSource } from "../../domain/safety/index.js";
import type { CallOutcome } from "../../domain/target-health.js";
import { nativeTicket } from "../../domain/ticket-draft.js";
import type { DuplicatePolicy, ExportStatus, TicketExportAction } from "../../domain/vocabulary.js";
import type { ProviderAdapter, ProviderTicketRef, TargetConnection } from "../../providers/index.js";
import type { ExportSourceService } from "../export-source/export-source.service.js";
import { changeExportStatus, sourcesWithIds } from "../export-status/export-status.service.js";
import type { ProviderGateway } from "../provider-target/provider-gateway.js";
import type { ProviderTargetService } from "../provider-target/provider-target.service.js";
import type { ExportToProviderInput } from "./ticket-export.input.js";

/** How long one exporter may hold a duplicate key: longer than a tracker call with its retries. */
const LEASE_MS = 120_000;
const LEASE_POLL_MS = 25;

const STATUS_OF: Record<TicketExportAction, ExportStatus> = {
  CREATED: "PROVIDER_EXPORTED",
  UPDATED: "PROVIDER_UPDATED",
  LINKED: "PROVIDER_LINKED",
  BLOCKED_DUPLICATE: "DUPLICATE_BLOCKED",
  FAILED: "PROVIDER_FAILED",
};

interface Attempt {
  action: TicketExportAction;
  ticket?: ProviderTicketRef;
  error?: string;
  /** Whether the tracker was called (and so whether the source went through PROVIDER_PENDING). */
  called: boolean;
  /** How the tracker call ended, for the target's health. */
  outcome?: CallOutcome;
  /** The status a refused attempt moves the source to (a called one moves to its outcome's). */
  refusedAs?: ExportStatus;
}

interface Refusal {
  error: string;
  /** UNSAFE_BLOCKED when the source's own text is why; a target's state moves no status. */
  status?: ExportStatus;
}

const INTERRUPTED = "An internal error interrupted this export; whether the tracker received the ticket is unknown. Try again.";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class TicketExportService {
  constructor(
    private readonly db: Db,
    private readonly gateway: ProviderGateway,
    private readonly sources: ExportSourceService,
    private readonly targets: ProviderTargetService,
    private readonly failureThreshold: number,
  ) {}

  /**
   * `exportToProvider`: delivers each source to the target under its duplicate key, one exporter per key at a time.
   * A ticket already linked to the key is updated or left alone (`onDuplicate`); a source that went out as a portable
   * file is first looked up in the tracker by its label and a hand-imported ticket found there is linked and updated;
   * otherwise a ticket is created. Every attempt is a TicketExport; statuses move through PROVIDER_PENDING.
   */
  async export(principal: Principal, input: ExportToProviderInput): Promise<TicketExportRow[]> {
    const sources = await this.sources.load(principal.organizationId, input.sourceIds, { field: "input.sourceIds" });
    let target = await this.targets.get(principal.organizationId, input.targetId);
    const results: TicketExportRow[] = [];
    for (const source of sources) {
      const outcome = await this.exportOne(principal, source, target, input.onDuplicate);
      results.push(outcome.row);
      target = outcome.target;
    }
    return results;
  }

  private async exportOne(principal: Principal, source: ExportSourceRow, target: ProviderTargetRow, policy: DuplicatePolicy) {
    const refusal = this.refusal(source, target);
    if (refusal) {
      const attempt: Attempt = { action: "FAILED", error: refusal.error, called: false, refusedAs: refusal.status };
      return { row: await this.record(principal, source, target, policy, attempt), target };
    }
    const owner = await this.lease(source.duplicateKeyId);
    try {
      await this.moveStatus(principal, source, "PROVIDER_PENDING", `provider-export:${target.id}`);
      const key = await this.keyOf(source.duplicateKeyId);
      const attempt = await this.deliver(source, key, target, policy).catch(async (error: unknown) => {
        // Recorded before it propagates: the source must not stay PROVIDER_PENDING with nothing to say why.
        await this.record(principal, source, target, policy, { action: "FAILED", error: INTERRUPTED, called: true });
        throw error;
      });
      const row = await this.record(principal, source, target, policy, attempt);
      if (attempt.outcome) target = await this.targets.recordCall(principal.organizationId, target.id, attempt.outcome);
      return { row, target };
    } finally {
      await this.release(source.duplicateKeyId, owner);
    }
  }

  /**
   * Why the source may not go to this target now, so that the tracker is not even called: a revoked, unsafe,
   * unsupported or disconnected target, a rate limit not yet lifted, or unsafe content. A FAILING target is still
   * tried when asked explicitly: that is how it shows it works again.
   */
  private refusal(source: ExportSourceRow, target: ProviderTargetRow): Refusal | null {
    const now = new Date();
    const retried = target.state === "FAILING" ? { ...target, state: "ACTIVE" as const, consecutiveFailures: 0 } : target;
    if (!isUsableTarget(retried, source.sourceType, now, this.failureThreshold)) {
      const targets = [target];
      return { error: decideFallback({ sourceType: source.sourceType, targets, requirement: null, unsafeContent: false, now, failureThreshold: this.failureThreshold }).detail };
    }
    const findings = scanSource(source);
    if (findings.length > 0) {
      const fields = [...new Set(findings.map((finding) => finding.field))].join(", ");
      return {
        error: `UNSAFE_PREVIEW_BLOCKED: ${findings.length} safety findings (${fields}) must be fixed at the source before a native export.`,
        status: "UNSAFE_BLOCKED",
      };
    }
    return null;
  }

  private async deliver(
    source: ExportSourceRow,
    key: DuplicateKeyRow,
    target: ProviderTargetRow,
    policy: DuplicatePolicy,
  ): Promise<Attempt> {
    if (key.providerKey && key.providerTargetId !== target.id) {
      return {
        action: "BLOCKED_DUPLICATE",
        ticket: { key: key.providerKey, url: key.providerUrl ?? "" },
        error: `Already linked to ${key.provider} ticket ${key.providerKey} on another target; left alone.`,
        called: false,
      };
    }
    if (key.providerKey && policy === "BLOCK") {
      return { action: "BLOCKED_DUPLICATE", ticket: { key: key.providerKey, url: key.providerUrl ?? "" }, called: false };
    }
    const adapter = this.gateway.adapter(target.provider) as ProviderAdapter;
    const connection = this.gateway.connection(target);
    const draft = nativeTicket(await this.itemOf(source, key));
    const result = await this.gateway.call(async (): Promise<Omit<Attempt, "called">> => {
      if (key.providerKey) return { action: "UPDATED", ticket: await adapter.update(connection, key.providerKey, draft) };
      const handImported = (await this.wentOutBefore(key.id)) ? await adapter.findByLabel(connection, key.label) : null;
      // Linked either way, so that later exports know it; BLOCK leaves the customer's ticket as they made it.
      if (handImported && policy === "BLOCK") return { action: "BLOCKED_DUPLICATE", ticket: handImported };
      if (handImported) return { action: "LINKED", ticket: await adapter.update(connection, handImported.key, draft) };
      return { action: "CREATED", ticket: await adapter.create(connection, draft) };
    });
    if (!result.ok && key.providerKey && result.kind === "UNSUPPORTED") return this.linkedTicketMissing(adapter, connection, key);
    if (!result.ok) return { action: "FAILED", error: result.message, called: true, outcome: result };
    await this.link(key, target, result.value.ticket!);
    return { ...result.value, called: true, outcome: { ok: true } };
  }

  /**
   * The linked ticket answered 404: the ticket may be gone (deleted, moved, hidden from the credential) while the
   * project is fine. Only a missing project makes the whole target UNSUPPORTED, so the project is checked before
   * one deleted ticket takes native export away from every other source.
   */
  private async linkedTicketMissing(adapter: ProviderAdapter, connection: TargetConnection, key: DuplicateKeyRow): Promise<Attempt> {
    const project = await this.gateway.call(() => adapter.check(connection));
    if (!project.ok) return { action: "FAILED", error: project.message, called: true, outcome: project };
    return {
      action: "FAILED",
      error: `The linked ${key.provider} ticket ${key.providerKey} was not found: it was deleted, moved or hidden from the credential.`,
      called: true,
      outcome: { ok: true },
    };
  }

  /**
   * Whether the finding's text may already sit in the tracker: a file carried its duplicate key (from this report or
   * an earlier one), or an earlier attempt for it failed midway.
   */
  private async wentOutBefore(duplicateKeyId: string): Promise<boolean> {
    const [row] = await executeRows<{ found: boolean }>(
      this.db,
      sql`select exists (select 1 from ${portableExportItems} where ${portableExportItems.duplicateKeyId} = ${duplicateKeyId})
          or exists (
            select 1 from ${ticketExports} join ${exportSources} on ${exportSources.id} = ${ticketExports.exportSourceId}
            where ${exportSources.duplicateKeyId} = ${duplicateKeyId} and ${ticketExports.action} = 'FAILED'
          ) as found`,
    );
    return Boolean(row?.found);
  }

  private async itemOf(source: ExportSourceRow, key: DuplicateKeyRow) {
    const [report] = await this.db.select().from(reports).where(eq(reports.id, source.reportId));
    return exportItem(source, key, exportReport(report), "PROVIDER_PENDING", false);
  }

  private async keyOf(id: string): Promise<DuplicateKeyRow> {
    const [key] = await this.db.select().from(duplicateKeys).where(eq(duplicateKeys.id, id));
    return key;
  }

  private async link(key: DuplicateKeyRow, target: ProviderTargetRow, ticket: ProviderTicketRef) {
    await this.db
      .update(duplicateKeys)
      .set({ providerTargetId: target.id, provider: target.provider, providerKey: ticket.key, providerUrl: ticket.url, linkedAt: sql`now()` })
      .where(eq(duplicateKeys.id, key.id));
  }

  /** Writes the attempt and moves the source to its outcome status, in one transaction. */
  private async record(
    principal: Principal,
    source: ExportSourceRow,
    target: ProviderTargetRow,
    policy: DuplicatePolicy,
    attempt: Attempt,
  ): Promise<TicketExportRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(ticketExports)
        .values({
          organizationId: principal.organizationId,
          exportSourceId: source.id,
          providerTargetId: target.id,
          action: attempt.action,
          onDuplicate: policy,
          externalKey: attempt.ticket?.key ?? null,
          externalUrl: attempt.ticket?.url || null,
          error: attempt.error ?? null,
        })
        .returning();
      const to = attempt.called || attempt.action === "BLOCKED_DUPLICATE" ? STATUS_OF[attempt.action] : attempt.refusedAs;
      if (to) {
        await changeExportStatus(tx, principal.organizationId, sourcesWithIds([source.id]), {
          to,
          cause: `ticket-export:${row.id}`,
          actor: principal.actor,
        });
      }
      return row;
    });
  }

  private async moveStatus(principal: Principal, source: ExportSourceRow, to: ExportStatus, cause: string) {
    await this.db.transaction((tx) => changeExportStatus(tx, principal.organizationId, sourcesWithIds([source.id]), { to, cause, actor: principal.actor }));
  }

  /** Takes the key's lease, waiting while another exporter holds it. */
  private async lease(keyId: string): Promise<string> {
    const owner = randomUUID();
    for (;;) {
      const taken = await this.db
        .update(duplicateKeys)
        .set({ leaseOwner: owner, leaseUntil: sql`now() + ${`${LEASE_MS} milliseconds`}::interval` })
        .where(and(eq(duplicateKeys.id, keyId), or(isNull(duplicateKeys.leaseUntil), lt(duplicateKeys.leaseUntil, sql`now()`))))
        .returning({ id: duplicateKeys.id });
      if (taken.length > 0) return owner;
      await sleep(LEASE_POLL_MS);
    }
  }

  private async release(keyId: string, owner: string) {
    await this.db
      .update(duplicateKeys)
      .set({ leaseOwner: null, leaseUntil: null })
      .where(and(eq(duplicateKeys.id, keyId), eq(duplicateKeys.leaseOwner, owner)));
  }
}
