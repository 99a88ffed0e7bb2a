import { describe, expect, it } from "vitest";
import {
  checkEndpoint,
  isPublicAddress,
  MalformedEndpointError,
  type EndpointPolicy,
  type Resolver,
} from "../../src/net/endpoint-safety.js";

const cloud: EndpointPolicy = { mode: "cloud", allowlist: [] };
const selfHosted: EndpointPolicy = { mode: "self-hosted", allowlist: ["jira.corp.internal", "10.1.2.3"] };

/** A resolver from a fixed table; an unknown name fails as the system resolver would. */
const table =
  (entries: Record<string, string[]>): Resolver =>
  async (host) => {
    const found = entries[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return found;
  };

const PUBLIC_V4 = "93.184.216.34";
const PUBLIC_V6 = "2606:2800:220:1:248:1893:25c8:1946";

describe("isPublicAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "the far end of loopback"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "this network"],
    ["10.0.0.1", "private 10/8"],
    ["172.16.0.1", "private 172.16/12, low end"],
    ["172.31.255.255", "private 172.16/12, high end"],
    ["192.168.1.1", "private 192.168/16"],
    ["100.64.0.1", "carrier-grade NAT, low end"],
    ["100.127.255.255", "carrier-grade NAT, high end"],
    ["169.254.169.254", "the cloud metadata service"],
    ["169.254.0.1", "link-local"],
    ["192.0.0.8", "IETF protocol assignments"],
    ["192.0.2.10", "TEST-NET-1"],
    ["198.51.100.7", "TEST-NET-2"],
    ["203.0.113.9", "TEST-NET-3"],
    ["198.18.0.1", "benchmarking"],
    ["198.19.255.255", "benchmarking, high end"],
    ["192.88.99.1", "6to4 relay anycast"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast SSDP"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "broadcast"],
    ["::1", "IPv6 loopback"],
    ["::", "IPv6 unspecified"],
    ["fe80::1", "IPv6 link-local"],
    ["fe80::1%eth0", "IPv6 link-local with a zone"],
    ["febf:ffff::1", "IPv6 link-local, high end"],
    ["fc00::1", "unique-local fc00::/7"],
    ["fd12:3456:789a::1", "unique-local fd00::/8"],
    ["ff02::1", "IPv6 multicast"],
    ["::ffff:127.0.0.1", "IPv4-mapped loopback, dotted"],
    ["::ffff:7f00:1", "IPv4-mapped loopback, hex"],
    ["::ffff:10.0.0.1", "IPv4-mapped private"],
    ["::ffff:169.254.169.254", "IPv4-mapped metadata service"],
    ["::ffff:0:0", "IPv4-mapped unspecified"],
    ["64:ff9b::a00:1", "NAT64 of a private address"],
    ["64:ff9b::7f00:1", "NAT64 of loopback"],
    ["2002:a00:1::1", "6to4 of a private address"],
    ["2002:7f00:1::", "6to4 of loopback"],
    ["2001:db8::1", "IPv6 documentation"],
    ["3fff::1", "IPv6 documentation (RFC 9637)"],
    ["2001::1", "Teredo"],
    ["2001:2::1", "IPv6 benchmarking"],
    ["::127.0.0.1", "deprecated IPv4-compatible form"],
    ["100::1", "IPv6 discard prefix"],
    ["localhost", "a name, not an address"],
    ["", "nothing"],
  ])("refuses %s (%s)", (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each([
    [PUBLIC_V4, "a public IPv4 address"],
    ["8.8.8.8", "another public IPv4 address"],
    ["172.32.0.1", "just above 172.16/12"],
    ["172.15.255.255", "just below 172.16/12"],
    ["100.128.0.1", "just above carrier-grade NAT"],
    ["169.255.0.1", "just above link-local"],
    ["11.0.0.1", "just above 10/8"],
    ["223.255.255.254", "just below multicast"],
    [PUBLIC_V6, "a public IPv6 address"],
    ["2a00:1450:4001:80b::200e", "another public IPv6 address"],
    ["::ffff:93.184.216.34", "the IPv4-mapped form of a public address"],
    ["64:ff9b::5db8:d822", "the NAT64 form of a public address"],
    ["2002:5db8:d822::1", "the 6to4 form of a public address"],
  ])("accepts %s (%s)", (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });
});

describe("checkEndpoint in cloud mode", () => {
  it("accepts an https URL whose every address is public", async () => {
    const verdict = await checkEndpoint("https://tracker.example/api", cloud, table({ "tracker.example": [PUBLIC_V4, PUBLIC_V6] }));
    expect(verdict).toMatchObject({ safe: true, addresses: [PUBLIC_V4, PUBLIC_V6] });
  });

  it("refuses plain http even to a public address", async () => {
    const verdict = await checkEndpoint("http://tracker.example/", cloud, table({ "tracker.example": [PUBLIC_V4] }));
    expect(verdict).toMatchObject({ safe: false, reason: expect.stringContaining("https") });
  });

  it.each([
    ["127.0.0.1"],
    ["10.0.0.7"],
    ["169.254.169.254"],
    ["::1"],
    ["::ffff:127.0.0.1"],
    ["fd00::5"],
  ])("refuses a name that resolves to %s", async (address) => {
    const verdict = await checkEndpoint("https://innocent.example/", cloud, table({ "innocent.example": [address] }));
    expect(verdict.safe).toBe(false);
    expect(verdict.safe === false && verdict.reason).toContain(address);
  });

  it("refuses a name when only one of its addresses is private", async () => {
    const verdict = await checkEndpoint("https://mixed.example/", cloud, table({ "mixed.example": [PUBLIC_V4, "192.168.0.10"] }));
    expect(verdict).toMatchObject({ safe: false, reason: expect.stringContaining("192.168.0.10") });
  });

  it.each([
    ["https://127.0.0.1/", "a loopback literal"],
    ["https://[::1]/", "an IPv6 loopback literal"],
    ["https://[::ffff:7f00:1]/", "an IPv4-mapped loopback literal"],
    ["https://169.254.169.254/latest/meta-data/", "the metadata service"],
    ["https://0x7f.1/", "loopback in hex shorthand"],
    ["https://2130706433/", "loopback as one decimal number"],
  ])("refuses %s (%s) without resolving anything", async (url) => {
    const verdict = await checkEndpoint(url, cloud, async () => {
      throw new Error("an IP literal must not be resolved");
    });
    expect(verdict.safe).toBe(false);
  });

  it("refuses the allowlist outside self-hosted mode", async () => {
    const policy: EndpointPolicy = { mode: "cloud", allowlist: ["jira.corp.internal"] };
    const verdict = await checkEndpoint("https://jira.corp.internal/", policy, table({ "jira.corp.internal": ["10.0.0.5"] }));
    expect(verdict.safe).toBe(false);
  });

  it("refuses a host that does not resolve, saying so", async () => {
    const verdict = await checkEndpoint("https://nowhere.example/", cloud, table({}));
    expect(verdict).toMatchObject({ safe: false, reason: expect.stringContaining("could not be resolved") });
  });

  it("refuses a host with no addresses", async () => {
    const verdict = await checkEndpoint("https://empty.example/", cloud, table({ "empty.example": [] }));
    expect(verdict.safe).toBe(false);
  });
});

describe("checkEndpoint in self-hosted mode", () => {
  it("accepts an allowlisted host on a private address, over http", async () => {
    const verdict = await checkEndpoint("http://jira.corp.internal:8080/", selfHosted, table({ "jira.corp.internal": ["10.0.0.5"] }));
    expect(verdict).toMatchObject({ safe: true, addresses: ["10.0.0.5"] });
  });

  it("matches the allowlist regardless of case and a trailing dot", async () => {
    const verdict = await checkEndpoint("https://JIRA.corp.internal./", selfHosted, table({ "jira.corp.internal": ["10.0.0.5"] }));
    expect(verdict.safe).toBe(true);
  });

  it("accepts an allowlisted private IP literal", async () => {
    const verdict = await checkEndpoint("http://10.1.2.3/", selfHosted, table({}));
    expect(verdict).toMatchObject({ safe: true, addresses: ["10.1.2.3"] });
  });

  it("holds a host off the allowlist to the cloud rules", async () => {
    const resolve = table({ "gitlab.corp.internal": ["10.0.0.6"], "tracker.example": [PUBLIC_V4] });
    expect((await checkEndpoint("https://gitlab.corp.internal/", selfHosted, resolve)).safe).toBe(false);
    expect((await checkEndpoint("http://tracker.example/", selfHosted, resolve)).safe).toBe(false);
    expect((await checkEndpoint("https://tracker.example/", selfHosted, resolve)).safe).toBe(true);
  });

  it("matches IPv6 and internationalised allowlist entries in their canonical form", async () => {
    const policy: EndpointPolicy = { mode: "self-hosted", allowlist: ["FD00:0:0::1", "bücher.corp"] };
    expect((await checkEndpoint("http://[fd00::1]/", policy, table({}))).safe).toBe(true);
    expect((await checkEndpoint("http://xn--bcher-kva.corp/", policy, table({ "xn--bcher-kva.corp": ["10.0.0.8"] }))).safe).toBe(true);
  });

  it("does not let a subdomain ride on an allowlisted name", async () => {
    const verdict = await checkEndpoint("https://evil.jira.corp.internal/", selfHosted, table({ "evil.jira.corp.internal": ["10.0.0.9"] }));
    expect(verdict.safe).toBe(false);
  });
});

describe("checkEndpoint with credentials in the URL", () => {
  it("refuses the URL without repeating the user name or password", async () => {
    const verdict = await checkEndpoint(
      "https://alice:hunter2secret@tracker.example/",
      cloud,
      table({ "tracker.example": [PUBLIC_V4] }),
    );
    expect(verdict.safe).toBe(false);
    const shown = JSON.stringify({ ...verdict, url: verdict.url.href });
    expect(shown).not.toContain("hunter2secret");
    expect(shown).not.toContain("alice");
  });

  it("refuses them even for an allowlisted self-hosted host", async () => {
    const verdict = await checkEndpoint("http://token@jira.corp.internal/", selfHosted, table({ "jira.corp.internal": ["10.0.0.5"] }));
    expect(verdict.safe).toBe(false);
  });
});

describe("checkEndpoint with malformed input", () => {
  it.each([
    ["not a url"],
    [""],
    ["ftp://tracker.example/"],
    ["file:///etc/passwd"],
    ["javascript:alert(1)"],
    ["gopher://tracker.example/"],
    ["https://"],
    ["https://:443/"],
  ])("throws MalformedEndpointError for %j", async (raw) => {
    await expect(checkEndpoint(raw, cloud, table({}))).rejects.toBeInstanceOf(MalformedEndpointError);
  });
});
