import { describe, expect, it } from "vitest";
import { ProviderError, type ProviderErrorKind } from "../../src/providers/errors.js";
import { withRetries } from "../../src/providers/retry.js";

/** An attempt that fails with the given kinds in turn, then succeeds; it counts its calls. */
function script(...kinds: ProviderErrorKind[]) {
  const attempt = async () => {
    attempt.calls++;
    const kind = kinds.shift();
    if (kind) throw new ProviderError(kind, `failed with ${kind}`);
    return "done";
  };
  attempt.calls = 0;
  return attempt;
}

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe("withRetries", () => {
  it("returns the first success without waiting", async () => {
    const { waits, sleep } = recordingSleep();
    expect(await withRetries(script(), { sleep })).toBe("done");
    expect(waits).toEqual([]);
  });

  it("retries TRANSIENT failures until one attempt succeeds", async () => {
    const attempt = script("TRANSIENT", "TRANSIENT");
    expect(await withRetries(attempt, { sleep: recordingSleep().sleep })).toBe("done");
    expect(attempt.calls).toBe(3);
  });

  it("gives up after two retries by default and rethrows the last error", async () => {
    const attempt = script("TRANSIENT", "TRANSIENT", "TRANSIENT");
    await expect(withRetries(attempt, { sleep: recordingSleep().sleep })).rejects.toMatchObject({ kind: "TRANSIENT" });
    expect(attempt.calls).toBe(3);
  });

  it.each<ProviderErrorKind>(["REVOKED", "UNSUPPORTED", "RATE_LIMITED", "UNSAFE_ENDPOINT", "PERMANENT"])(
    "never retries %s",
    async (kind) => {
      const attempt = script(kind);
      await expect(withRetries(attempt, { sleep: recordingSleep().sleep })).rejects.toMatchObject({ kind });
      expect(attempt.calls).toBe(1);
    },
  );

  it("never retries an error that is not a ProviderError", async () => {
    let calls = 0;
    const attempt = async () => {
      calls++;
      throw new TypeError("a bug");
    };
    await expect(withRetries(attempt, { sleep: recordingSleep().sleep })).rejects.toBeInstanceOf(TypeError);
    expect(calls).toBe(1);
  });

  it("backs off exponentially from 200 ms, capped at 2000 ms, at the top of the jitter range", async () => {
    const { waits, sleep } = recordingSleep();
    const attempt = script(...Array<ProviderErrorKind>(6).fill("TRANSIENT"));
    await withRetries(attempt, { retries: 6, sleep, random: () => 1 });
    expect(waits).toEqual([200, 400, 800, 1600, 2000, 2000]);
  });

  it("draws each wait uniformly below its ceiling (full jitter)", async () => {
    const { waits, sleep } = recordingSleep();
    await withRetries(script("TRANSIENT", "TRANSIENT"), { sleep, random: () => 0.25, baseMs: 100, capMs: 150 });
    expect(waits).toEqual([25, 37.5]);
  });

  it("honours a retry count of zero", async () => {
    const attempt = script("TRANSIENT");
    await expect(withRetries(attempt, { retries: 0, sleep: recordingSleep().sleep })).rejects.toMatchObject({ kind: "TRANSIENT" });
    expect(attempt.calls).toBe(1);
  });
});
