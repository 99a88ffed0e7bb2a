import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";

/** A database the suite runs against: every integration suite runs once per backend. */
export interface Backend {
  name: "pglite" | "postgres";
  /** A fresh, empty database: environment for the service, and how to throw it away. */
  create(): Promise<{ env: Record<string, string>; drop(): Promise<void> }>;
}

const pglite: Backend = {
  name: "pglite",
  async create() {
    const dataDir = mkdtempSync(join(tmpdir(), "ticket-exports-test-"));
    return { env: { DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  },
};

/** PostgreSQL, when TEST_DATABASE_URL names a server where we may create databases (one per suite). */
function postgresBackend(adminUrl: string): Backend {
  return {
    name: "postgres",
    async create() {
      const name = `tex_test_${randomBytes(6).toString("hex")}`;
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        env: { DATABASE_URL: url.toString(), CREDENTIAL_KEY: randomBytes(32).toString("base64") },
        async drop() {
          const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
          await cleanup.unsafe(`drop database if exists ${name} with (force)`);
          await cleanup.end();
        },
      };
    },
  };
}

export const backends: Backend[] = [
  pglite,
  ...(process.env.TEST_DATABASE_URL ? [postgresBackend(process.env.TEST_DATABASE_URL)] : []),
];
