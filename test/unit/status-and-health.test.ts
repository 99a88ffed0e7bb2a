import { describe, expect, it } from "vitest";
import { canMove, predecessorsOf } from "../../src/domain/export-status.js";
import { unstorable } from "../../src/domain/storable-text.js";
import { afterCall } from "../../src/domain/target-health.js";

describe("export status moves", () => {
  it("moves a source back to NOT_EXPORTED only from UNSAFE_BLOCKED, its side state", () => {
    expect(predecessorsOf("NOT_EXPORTED")).toEqual(["UNSAFE_BLOCKED"]);
    expect(predecessorsOf("UNSAFE_BLOCKED")).toEqual(["NOT_EXPORTED"]);
  });

  it("never blocks as unsafe a source that went out already", () => {
    for (const status of ["PORTABLE_READY", "PORTABLE_DOWNLOADED", "PROVIDER_PENDING", "PROVIDER_EXPORTED", "PROVIDER_FAILED"] as const) {
      expect(canMove(status, "UNSAFE_BLOCKED")).toBe(false);
    }
  });

  it("lets a redacted file or a native attempt move an unsafe source on", () => {
    expect(canMove("UNSAFE_BLOCKED", "PORTABLE_READY")).toBe(true);
    expect(canMove("UNSAFE_BLOCKED", "PROVIDER_PENDING")).toBe(true);
  });

  it("lets a download follow only a ready file", () => {
    expect(predecessorsOf("PORTABLE_DOWNLOADED")).toEqual(["PORTABLE_READY"]);
  });

  it("keeps a source with a provider ticket off the portable statuses", () => {
    for (const status of ["PROVIDER_EXPORTED", "PROVIDER_UPDATED", "PROVIDER_LINKED", "DUPLICATE_BLOCKED"] as const) {
      expect(canMove(status, "PORTABLE_READY")).toBe(false);
    }
    expect(canMove("PROVIDER_FAILED", "PORTABLE_READY")).toBe(true);
  });

  it("reaches a provider outcome only through PROVIDER_PENDING", () => {
    expect(canMove("PORTABLE_READY", "PROVIDER_EXPORTED")).toBe(false);
    expect(canMove("PROVIDER_PENDING", "PROVIDER_EXPORTED")).toBe(true);
    expect(canMove("PROVIDER_PENDING", "PROVIDER_PENDING")).toBe(false);
  });
});

describe("target health after a call", () => {
  const now = new Date("2026-11-27T10:00:00Z");

  it("resets failures and state on a success", () => {
    expect(afterCall({ consecutiveFailures: 5 }, { ok: true }, now)).toEqual({
      state: "ACTIVE",
      retryAfter: null,
      consecutiveFailures: 0,
      lastError: null,
    });
  });

  it("counts transient failures and turns FAILING at the threshold", () => {
    const failure = { ok: false as const, kind: "TRANSIENT" as const, message: "500" };
    expect(afterCall({ consecutiveFailures: 1 }, failure, now, 3)).toMatchObject({ state: "ACTIVE", consecutiveFailures: 2 });
    expect(afterCall({ consecutiveFailures: 2 }, failure, now, 3)).toMatchObject({ state: "FAILING", consecutiveFailures: 3 });
  });

  it("rate limits until the provider's time, or a minute when it gave none", () => {
    const until = new Date("2026-11-27T10:05:00Z");
    expect(afterCall({ consecutiveFailures: 0 }, { ok: false, kind: "RATE_LIMITED", message: "429", retryAfter: until }, now).retryAfter).toEqual(until);
    expect(afterCall({ consecutiveFailures: 0 }, { ok: false, kind: "RATE_LIMITED", message: "429" }, now).retryAfter).toEqual(
      new Date("2026-11-27T10:01:00Z"),
    );
  });

  it("revokes without counting a delivery failure", () => {
    expect(afterCall({ consecutiveFailures: 1 }, { ok: false, kind: "REVOKED", message: "401" }, now)).toMatchObject({
      state: "REVOKED",
      consecutiveFailures: 1,
      lastError: "401",
    });
  });
});

describe("storable text", () => {
  it("accepts ordinary unicode, emoji and right-to-left text", () => {
    expect(unstorable("Reflected XSS ✓ 😀 שלום")).toBeNull();
  });

  it("refuses a NUL character and a lone surrogate", () => {
    expect(unstorable("a\u0000b")).toMatch(/NUL/);
    expect(unstorable("a\uD800b")).toMatch(/surrogate/);
  });
});
