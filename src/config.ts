import { resolve } from "node:path";
import { DeploymentMode } from "./domain/vocabulary.js";

/** Raised for configuration a person must fix; the entry point prints its message alone and exits non-zero. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export interface Config {
  port: number;
  /** PostgreSQL URL; null means embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  deploymentMode: DeploymentMode;
  /** Hosts a self-hosted deployment may reach even when they resolve to private addresses. */
  providerEndpointAllowlist: string[];
  logLevel: string;
  /** Base64 of 32 bytes; required with `databaseUrl`, generated into `dataDir` otherwise. */
  credentialKey: string | null;
  production: boolean;
  /** Budget of one tracker call, redirects included. */
  providerTimeoutMs: number;
  /** First backoff of a retried tracker call; doubled per retry, capped at 10x. */
  providerRetryBaseMs: number;
  /** Consecutive delivery failures that make a target FAILING. */
  failureThreshold: number;
  /** Requests a token may make a minute on HTTP; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Largest HTTP request body, in bytes. */
  maxBodyBytes: number;
  /** Origins a browser WebSocket may connect from; empty allows any (tokens still decide who gets in). */
  wsAllowedOrigins: string[];
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/**
 * Reads the service configuration from the environment.
 * Defaults: PORT 4000, DATA_DIR ./.data, DEPLOYMENT_MODE cloud, LOG_LEVEL info, PROVIDER_TIMEOUT_MS 10000,
 * PROVIDER_RETRY_BASE_MS 200, PROVIDER_FAILURE_THRESHOLD 3, RATE_LIMIT_PER_MINUTE 1200, MAX_BODY_BYTES 8 MiB,
 * WS_ALLOWED_ORIGINS empty (any).
 * @throws ConfigError naming the variable and what it accepts.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer(env, "PORT", 4000, 0, 65535);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError("DATABASE_URL must be a postgres:// or postgresql:// URL (leave it unset for embedded PGlite).");
  }
  const deploymentMode = env.DEPLOYMENT_MODE ?? DeploymentMode.cloud;
  if (!Object.hasOwn(DeploymentMode, deploymentMode)) {
    throw new ConfigError(`DEPLOYMENT_MODE must be "cloud" or "self-hosted", got "${deploymentMode}".`);
  }
  const logLevel = env.LOG_LEVEL ?? "info";
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${logLevel}".`);
  }
  return {
    port,
    databaseUrl,
    dataDir: resolve(env.DATA_DIR ?? "./.data"),
    deploymentMode: deploymentMode as DeploymentMode,
    providerEndpointAllowlist: (env.PROVIDER_ENDPOINT_ALLOWLIST ?? "")
      .split(",")
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
    logLevel,
    credentialKey: env.CREDENTIAL_KEY?.trim() || null,
    production: env.NODE_ENV === "production",
    providerTimeoutMs: integer(env, "PROVIDER_TIMEOUT_MS", 10_000, 100, 120_000),
    providerRetryBaseMs: integer(env, "PROVIDER_RETRY_BASE_MS", 200, 0, 60_000),
    failureThreshold: integer(env, "PROVIDER_FAILURE_THRESHOLD", 3, 1, 100),
    rateLimitPerMinute: integer(env, "RATE_LIMIT_PER_MINUTE", 1_200, 0, 1_000_000),
    maxBodyBytes: integer(env, "MAX_BODY_BYTES", 8 * 1024 * 1024, 1_024, 256 * 1024 * 1024),
    wsAllowedOrigins: (env.WS_ALLOWED_ORIGINS ?? "")
      .split(",")
      .map((origin) => origin.trim().toLowerCase())
      .filter(Boolean),
  };
}
