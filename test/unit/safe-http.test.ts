import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEndpoint, type EndpointPolicy, type Resolver } from "../../src/net/endpoint-safety.js";
import { createSafeHttp, SafeHttpError } from "../../src/net/safe-http.js";

interface Seen {
  method: string;
  url: string;
  localAddress: string;
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, base: string) => void;

async function listen(host: string, handler: Handler) {
  const seen: Seen[] = [];
  const server: Server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    seen.push({ method: req.method ?? "", url: req.url ?? "", localAddress: req.socket.localAddress ?? "", body });
    handler(req, res, `http://${host}:${(server.address() as AddressInfo).port}`);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { port, seen, close };
}

const routes: Record<string, Handler> = {
  "/ok": (req, res) => {
    res.writeHead(200, { "content-type": "application/json", "x-echo-method": req.method });
    res.end(JSON.stringify({ ok: true }));
  },
  "/text": (_req, res) => res.end("plain words"),
  "/missing": (_req, res) => (res.writeHead(404), res.end("{}")),
  "/big": (_req, res) => res.end("x".repeat(2048)),
  "/big-chunked": (_req, res) => {
    res.write("x".repeat(700));
    res.end("x".repeat(700));
  },
  "/hang": () => undefined,
  "/same-host": (_req, res) => (res.writeHead(302, { location: "/ok" }), res.end()),
  "/see-other": (_req, res) => (res.writeHead(303, { location: "/ok" }), res.end()),
  "/loop": (_req, res) => (res.writeHead(302, { location: "/loop" }), res.end()),
};

const selfHosted: EndpointPolicy = { mode: "self-hosted", allowlist: ["127.0.0.1", "localhost"] };
const never: Resolver = async () => {
  throw new Error("no resolution expected");
};

let main: Awaited<ReturnType<typeof listen>>;
let other: Awaited<ReturnType<typeof listen>>;
let url: (path: string) => string;

beforeAll(async () => {
  main = await listen("127.0.0.1", (req, res, base) => {
    if (req.url === "/other-host") {
      res.writeHead(302, { location: `http://127.0.0.2:${other.port}/ok` });
      return res.end();
    }
    if (req.url === "/absolute-same-host") {
      res.writeHead(307, { location: `${base}/ok` });
      return res.end();
    }
    (routes[req.url ?? ""] ?? routes["/missing"])(req, res, base);
  });
  other = await listen("127.0.0.2", routes["/ok"]);
  url = (path) => `http://127.0.0.1:${main.port}${path}`;
});

afterAll(async () => {
  await main.close();
  await other.close();
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error as SafeHttpError,
  );

describe("createSafeHttp against an allowlisted loopback server", () => {
  const http = createSafeHttp({ policy: selfHosted, resolve: never });

  it("returns status, lower-case headers, body and parsed JSON", async () => {
    const response = await http(url("/ok"), { method: "GET" });
    expect(response.status).toBe(200);
    expect(response.headers["x-echo-method"]).toBe("GET");
    expect(response.json<{ ok: boolean }>()).toEqual({ ok: true });
  });

  it("returns error statuses instead of throwing them", async () => {
    expect((await http(url("/missing"), { method: "GET" })).status).toBe(404);
  });

  it("sends the method, headers and body it is given", async () => {
    await http(url("/ok"), { method: "POST", headers: { "content-type": "application/json" }, body: '{"a":1}' });
    expect(main.seen.at(-1)).toMatchObject({ method: "POST", body: '{"a":1}' });
  });

  it("refuses to parse a body that is not JSON, without quoting it", async () => {
    const response = await http(url("/text"), { method: "GET" });
    const error = (() => {
      try {
        response.json();
      } catch (caught) {
        return caught as SafeHttpError;
      }
    })();
    expect(error).toMatchObject({ kind: "PERMANENT" });
    expect(error?.message).not.toContain("plain words");
  });

  it("aborts at the timeout with a TRANSIENT error", async () => {
    const quick = createSafeHttp({ policy: selfHosted, resolve: never, timeoutMs: 50 });
    const error = await failure(quick(url("/hang"), { method: "GET" }));
    expect(error).toBeInstanceOf(SafeHttpError);
    expect(error).toMatchObject({ kind: "TRANSIENT", message: expect.stringContaining("timed out") });
  });

  it("aborts a response declared larger than the cap", async () => {
    const small = createSafeHttp({ policy: selfHosted, resolve: never, maxResponseBytes: 1024 });
    expect(await failure(small(url("/big"), { method: "GET" }))).toMatchObject({ kind: "PERMANENT" });
  });

  it("aborts a chunked response once it grows past the cap", async () => {
    const small = createSafeHttp({ policy: selfHosted, resolve: never, maxResponseBytes: 1024 });
    expect(await failure(small(url("/big-chunked"), { method: "GET" }))).toMatchObject({ kind: "PERMANENT" });
  });

  it("follows a redirect on the same host", async () => {
    const response = await http(url("/same-host"), { method: "GET" });
    expect(response.status).toBe(200);
    expect(main.seen.at(-1)?.url).toBe("/ok");
  });

  it("replays the method and body on a 307 to the same host", async () => {
    await http(url("/absolute-same-host"), { method: "PUT", body: "again" });
    expect(main.seen.at(-1)).toMatchObject({ url: "/ok", method: "PUT", body: "again" });
  });

  it("turns a POST into a body-less GET on a 303", async () => {
    await http(url("/see-other"), { method: "POST", body: "form" });
    expect(main.seen.at(-1)).toMatchObject({ url: "/ok", method: "GET", body: "" });
  });

  it("refuses a redirect to another host without contacting it", async () => {
    const error = await failure(http(url("/other-host"), { method: "GET" }));
    expect(error).toMatchObject({ kind: "UNSAFE_ENDPOINT", message: expect.stringContaining("another host") });
    expect(other.seen).toHaveLength(0);
  });

  it("gives up after the redirect limit", async () => {
    const error = await failure(createSafeHttp({ policy: selfHosted, resolve: never, maxRedirects: 2 })(url("/loop"), { method: "GET" }));
    expect(error).toMatchObject({ kind: "PERMANENT" });
    expect(main.seen.filter((seen) => seen.url === "/loop").length).toBeGreaterThanOrEqual(3);
  });

  it("reports a refused connection as TRANSIENT without the request headers", async () => {
    const closed = await listen("127.0.0.1", routes["/ok"]);
    await closed.close();
    const error = await failure(
      http(`http://127.0.0.1:${closed.port}/`, { method: "GET", headers: { authorization: "Bearer s3cret-token-value" } }),
    );
    expect(error).toMatchObject({ kind: "TRANSIENT" });
    expect(`${error.message}\n${error.stack}`).not.toContain("s3cret-token-value");
  });
});

describe("createSafeHttp address pinning", () => {
  it("connects to the vetted address, not to what the system would resolve", async () => {
    const http = createSafeHttp({ policy: selfHosted, resolve: async () => ["127.0.0.2"] });
    // The system resolves localhost to 127.0.0.1, where nothing listens on this port.
    const response = await http(`http://localhost:${other.port}/ok`, { method: "GET" });
    expect(response.status).toBe(200);
    expect(other.seen.at(-1)?.localAddress).toBe("127.0.0.2");
  });

  it("resolves again for every call", async () => {
    let calls = 0;
    const http = createSafeHttp({ policy: selfHosted, resolve: async () => (calls++, ["127.0.0.1"]) });
    await http(`http://localhost:${main.port}/ok`, { method: "GET" });
    await http(`http://localhost:${main.port}/ok`, { method: "GET" });
    expect(calls).toBe(2);
  });

  it("refuses a host that answered public at connect time and private at call time (rebinding)", async () => {
    const cloud: EndpointPolicy = { mode: "cloud", allowlist: [] };
    const answers = [["93.184.216.34"], ["127.0.0.1"]];
    const resolve: Resolver = async () => answers.shift() ?? [];
    const target = `https://rebind.example:${main.port}/ok`;
    expect((await checkEndpoint(target, cloud, resolve)).safe).toBe(true);
    const before = main.seen.length;
    const error = await failure(createSafeHttp({ policy: cloud, resolve })(target, { method: "GET" }));
    expect(error).toMatchObject({ kind: "UNSAFE_ENDPOINT", message: expect.stringContaining("127.0.0.1") });
    expect(main.seen).toHaveLength(before);
  });

  it("refuses a URL the policy forbids before resolving it", async () => {
    const http = createSafeHttp({ policy: { mode: "cloud", allowlist: [] }, resolve: never });
    expect(await failure(http(url("/ok"), { method: "GET" }))).toMatchObject({ kind: "UNSAFE_ENDPOINT" });
  });

  it("reports a host that does not resolve as TRANSIENT", async () => {
    const http = createSafeHttp({ policy: selfHosted, resolve: async () => Promise.reject(new Error("ENOTFOUND")) });
    expect(await failure(http(`http://localhost:${main.port}/ok`, { method: "GET" }))).toMatchObject({ kind: "TRANSIENT" });
  });
});
