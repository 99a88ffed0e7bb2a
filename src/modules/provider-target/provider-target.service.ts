import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.js";
import { providerTargets, type ProviderTargetRow } from "../../db/schema.js";
import type { TargetSnapshot } from "../../domain/fallback-decision.js";
import { TEXT_LIMITS, text } from "../../domain/input-rules.js";
import { afterCall, type CallOutcome, type TargetHealth } from "../../domain/target-health.js";
import type { Provider } from "../../domain/vocabulary.js";
import { badInput, notFound } from "../../errors.js";
import { MalformedEndpointError } from "../../net/endpoint-safety.js";
import { idIs } from "../common/ids.js";
import type { ProviderGateway } from "./provider-gateway.js";
import type { ConnectProviderTargetInput, UpdateProviderTargetInput } from "./provider-target.input.js";

/** A credential as a tracker receives it: in an HTTP header, which carries printable ASCII only. */
function credentialOf(value: string): string {
  const credential = text("input.credential", value, TEXT_LIMITS.credential);
  if (!/^[\x20-\x7e]+$/.test(credential)) {
    throw badInput("input.credential", "must be printable ASCII, on one line: trackers receive it in an HTTP header.");
  }
  return credential;
}

interface Probe {
  provider: Provider;
  baseUrl: string;
  projectKey: string;
  credential: string;
}

/** Told that a target was connected, re-checked, disconnected, or changed state after a tracker call. */
export type TargetChanged = (organizationId: string, targetId: string) => Promise<void>;

/** The organization's targets as the decision engine weighs them. */
export function targetSnapshots(executor: Executor, organizationId: string): Promise<TargetSnapshot[]> {
  return executor
    .select({
      id: providerTargets.id,
      name: providerTargets.name,
      provider: providerTargets.provider,
      state: providerTargets.state,
      retryAfter: providerTargets.retryAfter,
      consecutiveFailures: providerTargets.consecutiveFailures,
      createdAt: providerTargets.createdAt,
    })
    .from(providerTargets)
    .where(eq(providerTargets.organizationId, organizationId));
}

/**
 * Provider targets: the only writer of `provider_targets`. What depends on a target's state (the fallback decisions)
 * reads it through `targetSnapshots` and follows its changes through `onChange`; this service knows nothing of it.
 */
export class ProviderTargetService {
  private readonly listeners: TargetChanged[] = [];

  constructor(
    private readonly db: Db,
    private readonly gateway: ProviderGateway,
    private readonly failureThreshold: number,
  ) {}

  /**
   * Calls `listener` after every change of a target's state or connection. Each listener is awaited before the
   * change's call returns, so an answer about a target already reflects what followed from it.
   */
  onChange(listener: TargetChanged): void {
    this.listeners.push(listener);
  }

  private async changed(organizationId: string, targetId: string): Promise<void> {
    for (const listener of this.listeners) await listener(organizationId, targetId);
  }

  list(organizationId: string): Promise<ProviderTargetRow[]> {
    return this.db
      .select()
      .from(providerTargets)
      .where(eq(providerTargets.organizationId, organizationId))
      .orderBy(asc(providerTargets.createdAt), asc(providerTargets.id));
  }

  async get(organizationId: string, id: string): Promise<ProviderTargetRow> {
    const [row] = await this.db
      .select()
      .from(providerTargets)
      .where(and(eq(providerTargets.organizationId, organizationId), idIs(providerTargets.id, id)));
    if (!row) throw notFound("provider target", id);
    return row;
  }

  /** Stores a target with its credential sealed, after checking its endpoint and, when safe, the tracker itself. */
  async connect(organizationId: string, input: ConnectProviderTargetInput): Promise<ProviderTargetRow> {
    const probe = {
      provider: input.provider,
      baseUrl: input.baseUrl.trim(),
      projectKey: text("input.projectKey", input.projectKey, TEXT_LIMITS.projectKey),
      credential: credentialOf(input.credential),
    };
    const name = text("input.name", input.name, TEXT_LIMITS.name);
    const { baseUrl, health } = await this.probe(probe, 0);
    const [row] = await this.db
      .insert(providerTargets)
      .values({
        organizationId,
        name,
        provider: probe.provider,
        baseUrl,
        projectKey: probe.projectKey,
        credentialCiphertext: this.gateway.box.seal(probe.credential),
        ...health,
      })
      .returning();
    await this.changed(organizationId, row.id);
    return row;
  }

  /** Changes any of name, baseUrl, projectKey and credential; a change that reaches the tracker re-checks it. */
  async update(organizationId: string, id: string, input: UpdateProviderTargetInput): Promise<ProviderTargetRow> {
    const current = await this.get(organizationId, id);
    const credential = input.credential == null ? null : credentialOf(input.credential);
    const probe = {
      provider: current.provider,
      baseUrl: input.baseUrl == null ? current.baseUrl : input.baseUrl.trim(),
      projectKey: input.projectKey == null ? current.projectKey : text("input.projectKey", input.projectKey, TEXT_LIMITS.projectKey),
      credential: credential ?? this.gateway.box.open(current.credentialCiphertext),
    };
    const name = input.name == null ? current.name : text("input.name", input.name, TEXT_LIMITS.name);
    const recheck = credential !== null || probe.baseUrl !== current.baseUrl || probe.projectKey !== current.projectKey;
    if (current.state === "DISCONNECTED" && credential === null) {
      throw badInput("input.credential", "a disconnected target needs a new credential to come back.");
    }
    if (credential === null && movesHost(current.baseUrl, probe.baseUrl)) {
      throw badInput("input.credential", "a base URL on another host needs the credential again: the stored one is only sent to the host it was given for.");
    }
    const checked = recheck ? await this.probe(probe, 0) : { baseUrl: current.baseUrl, health: {} };
    const [row] = await this.db
      .update(providerTargets)
      .set({
        name,
        baseUrl: checked.baseUrl,
        projectKey: probe.projectKey,
        ...(credential === null ? {} : { credentialCiphertext: this.gateway.box.seal(credential) }),
        ...checked.health,
        updatedAt: sql`now()`,
      })
      .where(and(eq(providerTargets.organizationId, organizationId), eq(providerTargets.id, id)))
      .returning();
    if (recheck) await this.changed(organizationId, id);
    return row;
  }

  /** Marks the target DISCONNECTED and forgets its credential; history that names it stays. */
  async disconnect(organizationId: string, id: string): Promise<ProviderTargetRow> {
    await this.get(organizationId, id);
    const [row] = await this.db
      .update(providerTargets)
      .set({
        state: "DISCONNECTED",
        credentialCiphertext: this.gateway.box.seal(""),
        retryAfter: null,
        lastError: null,
        updatedAt: sql`now()`,
      })
      .where(and(eq(providerTargets.organizationId, organizationId), eq(providerTargets.id, id)))
      .returning();
    await this.changed(organizationId, id);
    return row;
  }

  /**
   * Records how a tracker call went: the one place a target's health changes after it was connected. The new health
   * is worked out from the row as locked, so concurrent failures on any instance each count.
   */
  async recordCall(organizationId: string, targetId: string, outcome: CallOutcome): Promise<ProviderTargetRow> {
    const { before, after } = await this.db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(providerTargets)
        .where(and(eq(providerTargets.organizationId, organizationId), eq(providerTargets.id, targetId)))
        .for("update");
      const [row] = await tx
        .update(providerTargets)
        .set({ ...afterCall(current, outcome, new Date(), this.failureThreshold), updatedAt: sql`now()` })
        .where(eq(providerTargets.id, targetId))
        .returning();
      return { before: current, after: row };
    });
    if (after.state !== before.state) await this.changed(organizationId, targetId);
    return after;
  }

  /**
   * The state a target starts in, and its base URL as stored (without any user name or password it carried).
   * Unsafe endpoints and unsupported providers are never contacted.
   */
  private async probe(probe: Probe, consecutiveFailures: number): Promise<{ baseUrl: string; health: TargetHealth }> {
    let verdict;
    try {
      verdict = await this.gateway.verdict(probe.baseUrl);
    } catch (error) {
      if (error instanceof MalformedEndpointError) throw badInput("input.baseUrl", error.message);
      throw error;
    }
    // A query string is where some trackers take their keys: the credential field is the one place for a secret.
    if (verdict.url.search || verdict.url.hash) {
      throw badInput("input.baseUrl", "must not carry a query string or fragment: give the tracker's address, and any key as the credential.");
    }
    const baseUrl = storedUrl(verdict.url);
    const unhealthy = (state: TargetHealth["state"], lastError: string) => ({
      baseUrl,
      health: { state, retryAfter: null, consecutiveFailures, lastError },
    });
    if (!verdict.safe) return unhealthy("UNSAFE_ENDPOINT", verdict.reason);
    const adapter = this.gateway.adapter(probe.provider);
    if (!adapter) return unhealthy("UNSUPPORTED", `No native ${probe.provider} export yet: its sources go out as portable files.`);
    const result = await this.gateway.call(() => adapter.check({ ...probe, baseUrl }));
    return { baseUrl, health: afterCall({ consecutiveFailures }, result, new Date(), this.failureThreshold) };
  }
}

/** A URL as stored and shown: never with the user name or password it may have been given with. */
function storedUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname === "/" ? "" : url.pathname.replace(/\/$/, "")}`;
}

/** Whether `next` names another origin than `current`; a URL that does not parse is left to the endpoint check. */
function movesHost(current: string, next: string): boolean {
  return URL.canParse(next) && new URL(next).origin !== new URL(current).origin;
}
