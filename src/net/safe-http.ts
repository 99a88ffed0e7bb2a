import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { isIPv6 } from "node:net";
import {
  addressesOf,
  MalformedEndpointError,
  parseEndpoint,
  refusedAddress,
  refusedAddressReason,
  systemResolver,
  type EndpointPolicy,
  type ParsedEndpoint,
  type Resolver,
} from "./endpoint-safety.js";

export interface SafeHttpOptions {
  policy: EndpointPolicy;
  /** Whole-call budget, resolution and redirects included. Default 10_000. */
  timeoutMs?: number;
  /** Default 1 MiB. */
  maxResponseBytes?: number;
  /** Redirects followed, on the same host only. Default 3. */
  maxRedirects?: number;
  /** Default: the operating system's resolver. */
  resolve?: Resolver;
}

export interface SafeRequest {
  method: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface SafeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Parses the body; throws a PERMANENT SafeHttpError (without echoing the body) when it is not JSON. */
  json<T>(): T;
}

export type SafeHttp = (url: string, init: SafeRequest) => Promise<SafeResponse>;

export type SafeHttpErrorKind = "TRANSIENT" | "UNSAFE_ENDPOINT" | "PERMANENT";

/** A failed outbound call. The message names the method and host, never a request header or body. */
export class SafeHttpError extends Error {
  override name = "SafeHttpError";
  constructor(
    readonly kind: SafeHttpErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

interface Settings {
  policy: EndpointPolicy;
  timeoutMs: number;
  maxResponseBytes: number;
  maxRedirects: number;
  resolve: Resolver;
}

/**
 * Creates the only way the service talks to a tracker. Every call (and every redirect hop) re-resolves the host,
 * re-checks each address against the policy and connects to exactly the vetted addresses, so a DNS answer that changes
 * between the connect-time check and the call (rebinding) cannot reach a private network. Redirects to another host
 * are refused. Defaults: timeoutMs 10_000, maxResponseBytes 1 MiB, maxRedirects 3, the system resolver.
 * Non-2xx statuses are returned, not thrown: classifying them is the caller's business.
 */
export function createSafeHttp(options: SafeHttpOptions): SafeHttp {
  const settings: Settings = {
    policy: options.policy,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxResponseBytes: options.maxResponseBytes ?? 1024 * 1024,
    maxRedirects: options.maxRedirects ?? 3,
    resolve: options.resolve ?? systemResolver,
  };
  return async (url, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), settings.timeoutMs);
    try {
      return await untilAborted(followRedirects(settings, url, init, controller.signal), controller.signal);
    } catch (error) {
      if (controller.signal.aborted) {
        throw new SafeHttpError("TRANSIENT", `${init.method} ${hostOf(url)} timed out after ${settings.timeoutMs} ms.`);
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Settles with `work`, or rejects as soon as `signal` aborts, whatever step `work` is stuck in. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

async function followRedirects(settings: Settings, raw: string, init: SafeRequest, signal: AbortSignal) {
  let url = raw;
  let request = init;
  for (let hop = 0; ; hop++) {
    const endpoint = await vet(settings, url);
    const response = await send(settings, endpoint.parsed, endpoint.addresses, request, signal);
    const location = response.headers.location;
    if (!REDIRECTS.has(response.status) || typeof location !== "string") return response;
    if (hop >= settings.maxRedirects) {
      throw new SafeHttpError("PERMANENT", `${request.method} ${endpoint.parsed.host} redirected too many times.`);
    }
    const next = redirectTarget(location, endpoint.parsed);
    if (next.hostname.toLowerCase() !== endpoint.parsed.url.hostname.toLowerCase()) {
      throw new SafeHttpError("UNSAFE_ENDPOINT", `${endpoint.parsed.host} redirected to another host, which is refused.`);
    }
    url = next.href;
    request = redirectedRequest(response.status, request);
  }
}

function redirectTarget(location: string, from: ParsedEndpoint): URL {
  try {
    return new URL(location, from.url);
  } catch {
    throw new SafeHttpError("PERMANENT", `${from.host} redirected to an unreadable location.`);
  }
}

/** 303, and 301/302 after a POST, turn into a body-less GET as browsers do; 307/308 replay the request. */
function redirectedRequest(status: number, request: SafeRequest): SafeRequest {
  const becomesGet = status === 303 || ((status === 301 || status === 302) && request.method.toUpperCase() === "POST");
  return becomesGet ? { method: "GET", headers: request.headers } : request;
}

async function vet(settings: Settings, raw: string) {
  let parsed: ReturnType<typeof parseEndpoint>;
  try {
    parsed = parseEndpoint(raw, settings.policy);
  } catch (error) {
    if (error instanceof MalformedEndpointError) throw new SafeHttpError("PERMANENT", error.message);
    throw error;
  }
  if ("reason" in parsed) throw new SafeHttpError("UNSAFE_ENDPOINT", parsed.reason);
  const addresses = await resolveOrRetry(settings.resolve, parsed);
  const refused = refusedAddress(parsed, addresses);
  if (refused) throw new SafeHttpError("UNSAFE_ENDPOINT", refusedAddressReason(parsed.host, refused));
  return { parsed, addresses };
}

async function resolveOrRetry(resolve: Resolver, endpoint: ParsedEndpoint): Promise<string[]> {
  const addresses = await addressesOf(endpoint, resolve).catch(() => []);
  if (addresses.length > 0) return addresses;
  // A resolver hiccup is worth retrying; the target's safety is unchanged by it.
  throw new SafeHttpError("TRANSIENT", `The host ${endpoint.host} could not be resolved.`);
}

/** A lookup that answers with the vetted addresses only, so the socket cannot connect anywhere else. */
function pinnedLookup(addresses: readonly string[]): LookupFunction {
  const entries = addresses.map((address) => ({ address, family: isIPv6(address) ? 6 : 4 }));
  return (_hostname, options, callback) => {
    if (options.all) callback(null, entries);
    else callback(null, entries[0].address, entries[0].family);
  };
}

function send(
  settings: Settings,
  endpoint: ParsedEndpoint,
  addresses: readonly string[],
  init: SafeRequest,
  signal: AbortSignal,
): Promise<SafeResponse> {
  const { url } = endpoint;
  const transport = url.protocol === "https:" ? https : http;
  const label = `${init.method} ${endpoint.host}`;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, {
      method: init.method,
      headers: { ...init.headers, ...(init.body === undefined ? {} : { "content-length": Buffer.byteLength(init.body) }) },
      lookup: pinnedLookup(addresses),
      // A fresh connection per call: a pooled socket would skip the per-call address check.
      agent: false,
      signal,
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      reject(new SafeHttpError("TRANSIENT", `${label} failed: ${error.code ?? "network error"}.`));
    });
    request.on("response", (response) => {
      const tooLarge = () =>
        new SafeHttpError("PERMANENT", `${label} answered more than ${settings.maxResponseBytes} bytes.`);
      if (Number(response.headers["content-length"] ?? 0) > settings.maxResponseBytes) {
        response.destroy();
        reject(tooLarge());
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > settings.maxResponseBytes) {
          response.destroy();
          reject(tooLarge());
          return;
        }
        chunks.push(chunk);
      });
      response.on("error", (error: NodeJS.ErrnoException) => {
        reject(new SafeHttpError("TRANSIENT", `${label} broke off: ${error.code ?? "reset"}.`));
      });
      response.on("end", () => {
        resolve(safeResponse(response.statusCode ?? 0, response.headers, Buffer.concat(chunks).toString("utf8"), label));
      });
    });
    request.end(init.body);
  });
}

function safeResponse(status: number, headers: SafeResponse["headers"], body: string, label: string): SafeResponse {
  return {
    status,
    headers,
    body,
    json<T>() {
      try {
        return JSON.parse(body) as T;
      } catch {
        throw new SafeHttpError("PERMANENT", `${label} answered ${status} with a body that is not JSON.`);
      }
    },
  };
}

function hostOf(raw: string): string {
  try {
    return new URL(raw).hostname;
  } catch {
    return "the endpoint";
  }
}
