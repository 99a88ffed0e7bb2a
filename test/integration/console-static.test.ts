import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_DIR, consoleRoutes } from "../../src/http/console.js";
import { backends } from "../support/backends.js";
import { startTestServer, type TestServer } from "../support/server.js";

/** GET with headers fetch() will not send (Host), answering status, headers and body. */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    request(url, { headers }, (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    })
      .on("error", reject)
      .end();
  });
}

// Served over one backend: nothing here touches the database.
describe("the console's pages and assets", () => {
  let api: TestServer;
  const index = readFileSync(join(CONSOLE_DIR, "index.html"), "utf8");
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];

  beforeAll(async () => {
    api = await startTestServer(backends[0]);
  });
  afterAll(() => api?.close());

  it("answers / and /reports/:id/ticket-exports with the console's index.html, revalidated on every load", async () => {
    for (const path of ["/", "/reports/0b7c6a52-2d5c-4a8e-9f0e-3f1b2c4d5e6f/ticket-exports"]) {
      const page = await get(`${api.url}${path}`);
      expect(page.status, path).toBe(200);
      expect(page.headers["content-type"]).toMatch(/^text\/html/);
      expect(page.headers["cache-control"]).toBe("no-cache");
      expect(page.body).toBe(index);
      const etag = page.headers.etag as string;
      expect((await get(`${api.url}${path}`, { "if-none-match": etag })).status).toBe(304);
    }
  });

  it("sends a strict Content-Security-Policy: own scripts and styles only, connections to this host, no frames", async () => {
    const host = new URL(api.url).host;
    const page = await get(`${api.url}/`);
    const policy = Object.fromEntries(
      String(page.headers["content-security-policy"])
        .split(";")
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(policy).toEqual({
      "default-src": ["'none'"],
      "script-src": ["'self'"],
      "style-src": ["'self'"],
      "img-src": ["'self'"],
      "connect-src": ["'self'", `ws://${host}`, `wss://${host}`],
      "base-uri": ["'none'"],
      "form-action": ["'none'"],
      "frame-ancestors": ["'none'"],
      "require-trusted-types-for": ["'script'"],
    });
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    // Nothing inline for the policy to allow.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\son\w+=/i);
  });

  it("names in connect-src only a Host header that is a plain host and port", async () => {
    const page = await get(`${api.url}/`, { host: "evil.example; script-src *" });
    expect(page.headers["content-security-policy"]).toContain("connect-src 'self';");
  });

  it("caches the hashed assets for a year as immutable, and serves nothing else from the build", async () => {
    expect(script).toBeDefined();
    const asset = await get(`${api.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers["content-type"]).toMatch(/^(text|application)\/javascript/);
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(asset.body.length).toBeGreaterThan(1000);
    expect((await get(`${api.url}/assets/index-missing.js`)).status).toBe(404);
    expect((await get(`${api.url}/.inputs-sha256`)).status).toBe(404);
    expect((await get(`${api.url}/index.html`)).status).toBe(404);
  });

  it("leaves the API where it was", async () => {
    expect((await get(`${api.url}/healthz`)).status).toBe(200);
    const answer = await api.graphql(null, "{ session { role } }");
    expect(answer.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("answers 503 saying how to build it when the console is not built", async () => {
    const empty = mkdtempSync(join(tmpdir(), "console-missing-"));
    const server = express().use(consoleRoutes(empty)).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const page = await get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(page.status).toBe(503);
      expect(page.body).toContain("npm run console:build");
    } finally {
      server.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
