import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../config.js";

const ALGORITHM = "aes-256-gcm";
const KEY_FILE = "credential.key";

/** Seals and opens provider credentials at rest (AES-256-GCM, a random 96-bit nonce per value). */
export interface CredentialBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

/** Builds a box from a base64 key of 32 bytes. */
export function createCredentialBox(base64Key: string): CredentialBox {
  const key = Buffer.from(base64Key, "base64");
  if (key.length !== 32) throw new ConfigError("CREDENTIAL_KEY must be 32 bytes in base64 (openssl rand -base64 32).");
  return {
    seal(plaintext) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv(ALGORITHM, key, nonce);
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return ["v1", nonce.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(".");
    },
    open(sealed) {
      const [, nonce, tag, body] = sealed.split(".");
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(nonce, "base64"));
      decipher.setAuthTag(Buffer.from(tag, "base64"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
    },
  };
}

/**
 * The credential key: CREDENTIAL_KEY when set; on embedded PGlite, a key generated once into the data folder.
 * With a PostgreSQL URL a missing key is a configuration error: a key on one instance's disk would leave the others
 * unable to read what it sealed.
 */
export function resolveCredentialKey(options: { credentialKey: string | null; databaseUrl: string | null; dataDir: string }) {
  if (options.credentialKey) return options.credentialKey;
  if (options.databaseUrl) {
    throw new ConfigError("CREDENTIAL_KEY is required with DATABASE_URL (generate one with: openssl rand -base64 32).");
  }
  const file = join(options.dataDir, KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(options.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  }
  return readFileSync(file, "utf8").trim();
}
