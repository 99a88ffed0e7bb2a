import { lookup } from "node:dns/promises";
import { isIP, isIPv6 } from "node:net";
import type { DeploymentMode } from "../domain/vocabulary.js";
import { isPublicAddress } from "./ip-address.js";

export { isPublicAddress };

export interface EndpointPolicy {
  mode: DeploymentMode;
  /** Host names or IP literals (lowercase) that a self-hosted deployment may reach even on a private network. */
  allowlist: readonly string[];
}

export type EndpointVerdict =
  | { safe: true; url: URL; addresses: string[] }
  /** `reason` is one sentence a person understands; it never contains credentials. */
  | { safe: false; url: URL; reason: string };

/** Resolves a host name to every address it currently has. */
export type Resolver = (hostname: string) => Promise<string[]>;

/** The input is not an http(s) URL with a host at all: a caller maps this to BAD_USER_INPUT, not to a target state. */
export class MalformedEndpointError extends Error {
  override name = "MalformedEndpointError";
}

/** Resolves through the operating system, as any other outbound connection of the process would. */
export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** An endpoint that passed the URL rules and still needs its addresses vetted. */
export interface ParsedEndpoint {
  url: URL;
  /** Host without IPv6 brackets or a trailing dot, as resolved and as matched against the allowlist. */
  host: string;
  allowlisted: boolean;
}

/** A host as URL parsing leaves it (lowercase, punycode, canonical IP), without IPv6 brackets or a trailing dot. */
function canonicalHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
}

/** An allowlist entry in the same canonical form as a parsed URL's host; an unparsable entry matches nothing. */
function canonicalEntry(entry: string): string | null {
  const trimmed = entry.trim();
  try {
    return canonicalHost(new URL(`http://${isIPv6(trimmed) ? `[${trimmed}]` : trimmed}`).hostname);
  } catch {
    return null;
  }
}

/**
 * Parses `raw` and applies the URL rules of `policy`. Throws MalformedEndpointError when it is not an http(s) URL
 * with a host; returns a reason when it is a URL the policy refuses (credentials in it, plain http outside the
 * self-hosted allowlist). The returned URL never carries a user name or password.
 */
export function parseEndpoint(raw: string, policy: EndpointPolicy): ParsedEndpoint | { url: URL; reason: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new MalformedEndpointError("The endpoint is not a valid URL.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new MalformedEndpointError("The endpoint must be an http(s) URL.");
  }
  const host = canonicalHost(url.hostname);
  if (!host) throw new MalformedEndpointError("The endpoint URL has no host.");
  const hadCredentials = url.username !== "" || url.password !== "";
  // Stripped before anything can log or return the URL.
  url.username = "";
  url.password = "";
  if (hadCredentials) {
    return { url, reason: "The endpoint URL contains a user name or password; put the credential in its own field." };
  }
  const allowlisted = policy.mode === "self-hosted" && policy.allowlist.some((entry) => canonicalEntry(entry) === host);
  if (url.protocol === "http:" && !allowlisted) {
    return { url, reason: `The endpoint ${host} must use https.` };
  }
  return { url, host, allowlisted };
}

/** The first address that makes `endpoint` unsafe, or null when every one may be reached. */
export function refusedAddress(endpoint: ParsedEndpoint, addresses: readonly string[]): string | null {
  if (endpoint.allowlisted) return null;
  return addresses.find((address) => !isPublicAddress(address)) ?? null;
}

/** A sentence explaining why `address` of `host` is refused. */
export function refusedAddressReason(host: string, address: string): string {
  const where = host === address ? `The address ${address}` : `The host ${host} resolves to ${address}, which`;
  return `${where} is not a public internet address; ask an administrator to allowlist it on a self-hosted deployment.`;
}

/** The addresses of the endpoint's host: an IP literal is its own answer. */
export async function addressesOf(endpoint: ParsedEndpoint, resolve: Resolver): Promise<string[]> {
  return isIP(endpoint.host) ? [endpoint.host] : resolve(endpoint.host);
}

/**
 * Parses `raw` and decides whether an outbound call may go there under `policy`: https only, no credentials in the
 * URL, and every resolved address public; in self-hosted mode an allowlisted host may be private and use http.
 * Resolves with `resolve` (default: the operating system's resolver); a host that does not resolve is unsafe, since
 * nothing about it can be vetted. Throws MalformedEndpointError when `raw` is not an http(s) URL with a host.
 */
export async function checkEndpoint(
  raw: string,
  policy: EndpointPolicy,
  resolve: Resolver = systemResolver,
): Promise<EndpointVerdict> {
  const endpoint = parseEndpoint(raw, policy);
  if ("reason" in endpoint) return { safe: false, ...endpoint };
  const { url, host } = endpoint;
  let addresses: string[];
  try {
    addresses = await addressesOf(endpoint, resolve);
  } catch {
    return { safe: false, url, reason: `The host ${host} could not be resolved.` };
  }
  if (addresses.length === 0) return { safe: false, url, reason: `The host ${host} has no addresses.` };
  const refused = refusedAddress(endpoint, addresses);
  if (refused) return { safe: false, url, reason: refusedAddressReason(host, refused) };
  return { safe: true, url, addresses };
}
