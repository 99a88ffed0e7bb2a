import { describe, expect, it } from "vitest";
import { classifyBareHost, classifyUrlHost, isPrivateAddress } from "../../src/domain/safety/hosts.js";

describe("isPrivateAddress", () => {
  it.each([
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "127.0.0.1",
    "127.8.9.10",
    "169.254.169.254",
    "100.64.0.1",
    "100.127.255.255",
    "::1",
    "fc00::1",
    "fd12:3456:789a::1",
    "fe80::1",
    "febf::1",
    "::ffff:10.0.0.1",
    "::ffff:a00:1",
  ])("takes %s for private", (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(["8.8.8.8", "172.15.0.1", "172.32.0.1", "192.169.0.1", "100.63.0.1", "100.128.0.1", "169.255.0.1", "2001:4860::8888", "fec0::1", "::ffff:8.8.8.8", "999.1.1.1", "example.com"])(
    "takes %s for public or not an address",
    (address) => expect(isPrivateAddress(address)).toBe(false),
  );
});

describe("classifyUrlHost", () => {
  it.each([
    ["localhost", "internal-host"],
    ["jenkins.internal", "internal-host"],
    ["printer.local", "internal-host"],
    ["wiki.acme.corp", "internal-host"],
    ["nas.lan", "internal-host"],
    ["portal.intranet", "internal-host"],
    ["router.home.arpa", "internal-host"],
    ["wiki", "internal-host"],
    ["[::1]", "private-ip"],
    ["192.168.0.10", "private-ip"],
    ["acme.blob.core.windows.net", "object-store-url"],
    ["acme.s3.amazonaws.com", "object-store-url"],
    ["s3.eu-west-1.amazonaws.com", "object-store-url"],
    ["acme.s3-website-us-east-1.amazonaws.com", "object-store-url"],
    ["storage.googleapis.com", "object-store-url"],
  ])("classifies %s as %s", (host, rule) => expect(classifyUrlHost(host)).toBe(rule));

  it.each([
    "example.com",
    "8.8.8.8",
    "ec2.us-east-1.amazonaws.com",
    "googleapis.com",
    "corp.example.com",
    `s3${"-a".repeat(40)}.example.com`,
  ])(
    "leaves the public host %s alone",
    (host) => expect(classifyUrlHost(host)).toBeUndefined(),
  );
});

describe("classifyBareHost", () => {
  it("counts localhost and *.local written outside URLs only with a port", () => {
    expect(classifyBareHost("localhost", false)).toBeUndefined();
    expect(classifyBareHost("settings.local", false)).toBeUndefined();
    expect(classifyBareHost("localhost", true)).toBe("internal-host");
    expect(classifyBareHost("printer.local", true)).toBe("internal-host");
  });

  it("counts other internal suffixes and object stores with or without a port", () => {
    expect(classifyBareHost("build01.lan", false)).toBe("internal-host");
    expect(classifyBareHost("acme.s3.amazonaws.com", false)).toBe("object-store-url");
  });
});
