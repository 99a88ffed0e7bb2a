import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

/** Runs the real entry point with `env` and returns how it ended. */
async function start(env: Record<string, string>) {
  try {
    await run("npx", ["tsx", "src/main.ts"], { env: { ...process.env, LOG_LEVEL: "silent", ...env }, timeout: 30_000 });
    return { code: 0, stderr: "" };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
}

describe("start-up with a configuration a person must fix", () => {
  it.each([
    ["an unreachable PostgreSQL", { DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere", CREDENTIAL_KEY: "a".repeat(43) + "=" }, "Cannot open PostgreSQL"],
    ["a DATABASE_URL that is not PostgreSQL", { DATABASE_URL: "mysql://localhost/db" }, "DATABASE_URL must be"],
    ["a PostgreSQL URL without a credential key", { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test" }, "CREDENTIAL_KEY is required"],
    ["an unknown deployment mode", { DEPLOYMENT_MODE: "hybrid" }, "DEPLOYMENT_MODE must be"],
    ["a port out of range", { PORT: "70000" }, "PORT must be"],
  ])("exits non-zero with one clear line for %s", async (_name, env, message) => {
    const { code, stderr } = await start(env);
    expect(code).not.toBe(0);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
    expect(lines[0]).not.toMatch(/\(\S+:\d+:\d+\)/);
  });
});
