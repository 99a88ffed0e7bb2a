// @ts-check
// Plain JavaScript on purpose: `npm start` runs this before anything is compiled, and it must also work where only
// production dependencies are installed (then it keeps the existing build, or says the console is missing).
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const consoleDir = fileURLToPath(new URL("../", import.meta.url));
const rootDir = join(consoleDir, "..");
const outDir = join(consoleDir, "dist");
/** Written into the build: the sha256 of the inputs it was made from. A dotfile, so the service never serves it. */
const STAMP = ".inputs-sha256";
/** What the build depends on, relative to the project root: the console's files and the locked dependencies. */
const INPUTS = ["console/index.html", "console/vite.config.ts", "console/tsconfig.json", "console/src", "package-lock.json"];

/** @param {string} path @returns {string[]} every file under `path`, sorted */
function files(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

/** The sha256 of every input file's path and bytes: equal hashes, equal builds. */
export function inputsHash() {
  const hash = createHash("sha256");
  for (const file of INPUTS.flatMap((input) => files(join(rootDir, input)))) {
    hash.update(relative(rootDir, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

/** @returns {string | null} the inputs hash the current build was made from, null when there is no build */
function builtFrom() {
  try {
    return existsSync(join(outDir, "index.html")) ? readFileSync(join(outDir, STAMP), "utf8").trim() : null;
  } catch {
    return null;
  }
}

/**
 * Builds the console into console/dist with Vite unless the build there was made from the same inputs (or `force`).
 * The build is written beside it and swapped in with renames, so a running service never serves half a build.
 * Without Vite installed (production dependencies only) it keeps the existing build, or warns that there is none.
 * @param {{ force?: boolean, log?: (line: string) => void }} [options] defaults: force false, log to stderr
 * @returns {Promise<{ built: boolean, ms: number }>}
 */
export async function buildConsole({ force = false, log = (line) => console.error(line) } = {}) {
  const started = performance.now();
  const hash = inputsHash();
  if (!force && builtFrom() === hash) return { built: false, ms: performance.now() - started };
  /** @type {typeof import("vite")} */
  let vite;
  try {
    vite = await import("vite");
  } catch {
    log(
      existsSync(join(outDir, "index.html"))
        ? "console: Vite is not installed (production dependencies only); serving the existing build."
        : "console: not built, and Vite is not installed: run `npm install`, then `npm run console:build`.",
    );
    return { built: false, ms: performance.now() - started };
  }
  const staging = join(consoleDir, `dist.tmp-${process.pid}`);
  const retired = join(consoleDir, `dist.old-${process.pid}`);
  try {
    await vite.build({
      configFile: join(consoleDir, "vite.config.ts"),
      mode: "production",
      logLevel: "warn",
      build: { outDir: staging, emptyOutDir: true },
    });
    writeFileSync(join(staging, STAMP), `${hash}\n`);
    if (existsSync(outDir)) renameSync(outDir, retired);
    renameSync(staging, outDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(retired, { recursive: true, force: true });
  }
  const ms = performance.now() - started;
  log(`console: built into ${relative(process.cwd(), outDir) || "."} in ${(ms / 1000).toFixed(1)} s`);
  return { built: true, ms };
}

/** vitest globalSetup: the browser tests need a current build. */
export default async function setup() {
  await buildConsole();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildConsole({ force: process.argv.includes("--force") });
}
