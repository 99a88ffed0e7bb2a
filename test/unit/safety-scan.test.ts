import { describe, expect, it } from "vitest";
import { maskValue, scanText } from "../../src/domain/safety/index.js";

const ghToken = `ghp_${"aB3dE5fG7h".repeat(3)}I9jK1l`;
const rules = (text: string) => scanText(text, "description").map((finding) => finding.rule);
const flagged = (text: string) => scanText(text, "description").map((finding) => text.slice(finding.start, finding.end));

describe("scanText", () => {
  it("reports a GitHub token inside an Authorization header once, under the token's own rule", () => {
    const text = `Authorization: Bearer ${ghToken}`;
    expect(scanText(text, "description")).toEqual([
      expect.objectContaining({ kind: "SECRET", rule: "github-token", start: 22, end: text.length }),
    ]);
  });

  it("merges overlapping findings over the union of their spans, keeping the most harmful rule", () => {
    const url = "https://deploy:Pa55w0rdX@build.corp/artifacts";
    const [finding, ...rest] = scanText(`Mirror ${url} is open`, "title");
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: "url-credentials", kind: "SECRET", start: 7, end: 7 + url.length });
  });

  it("carries the field name into every finding", () => {
    const findings = scanText("mail alice@example.com from 10.0.0.5", "labels[3]");
    expect(findings.map((finding) => finding.field)).toEqual(["labels[3]", "labels[3]"]);
  });

  it("treats a URL's path as a web path but a file path in a query value or bare text as a file path", () => {
    expect(rules("https://example.com/etc/passwd")).toEqual([]);
    expect(flagged("https://example.com/download?file=/etc/passwd")).toEqual(["/etc/passwd"]);
    expect(flagged("The response contained /etc/passwd.")).toEqual(["/etc/passwd"]);
  });

  it("scans plain query values on their own", () => {
    expect(flagged("https://example.com/fetch?url=http://10.12.0.7:8080/admin&x=1")).toEqual(["http://10.12.0.7:8080/admin"]);
    expect(rules("https://example.com/go?next=http://jenkins.internal/job")).toEqual(["internal-host"]);
    expect(rules("https://example.com/search?q=term-5&page=3")).toEqual([]);
  });

  it("does not take web routes for file paths", () => {
    expect(rules("Routes /login, /api/v1/users and /assets/app.3f9a.js lack rate limiting")).toEqual([]);
  });

  it("finds personal data hidden by percent-encoding in a query value and flags the encoded value", () => {
    const text = "https://example.com/track?u=alice%40example.com&x=1";
    expect(scanText(text, "affectedUrl")).toEqual([
      expect.objectContaining({ rule: "email", start: text.indexOf("alice"), end: text.indexOf("&x") }),
    ]);
  });

  it("finds an internal host in a percent-encoded redirect parameter", () => {
    expect(rules("https://example.com/login?next=http%3A%2F%2Fadmin.corp%2Fusers")).toEqual(["internal-host"]);
  });

  it("reports a presigned URL as presigned although its query holds an access key id", () => {
    const url = "https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIAABCDEFGHIJKLMNOP%2F20240501&X-Amz-Signature=ab12";
    expect(rules(url)).toEqual(["presigned-url"]);
  });

  it("reads the value of a key hidden inside another assignment's value", () => {
    const text = "curl https://api.example.com/v1/data?api_key=9f8e7d6c5b4a39281706f5e4";
    expect(flagged(text)).toEqual(["9f8e7d6c5b4a39281706f5e4"]);
  });

  it("does not report placeholders, references and code in assignments", () => {
    for (const text of [
      "password=<redacted>",
      "token: ${TOKEN}",
      "api_key=YOUR_API_KEY",
      "secret: '{{ vault.secret }}'",
      "apiKey: process.env.NEXT_PUBLIC_API_KEY",
      "const token = getAccessToken()",
      "client_secret: xxxxxxxxxxxx",
    ]) {
      expect(rules(text), text).toEqual([]);
    }
  });

  it("reports the cookie of a Set-Cookie header but none of its attributes", () => {
    const text = "Set-Cookie: sid=Qm9iIGhhcyBhIHNlc3Npb24gaGVyZQ; Domain=shop.example.com; Path=/; Max-Age=31536000";
    expect(flagged(text)).toEqual(["Qm9iIGhhcyBhIHNlc3Npb24gaGVyZQ"]);
  });

  it.each([
    ["reports a random value assigned to a secret-looking key", "password=Summer2024!", ["secret-assignment"]],
    ["does not report a uniform value, however long", "password=aaaaaaaaaaaa", []],
    ["does not report a value too short to measure", "password=hunter2", []],
    ["does not report a value whose key only mentions a secret", "token_expiry=8f7a6c5d4e3b2a19", []],
    ["reports a phone number in international format", "Call +1 415 555 2671 today", ["phone-number"]],
    // No default region fits every customer, so a national-format number is not a candidate.
    ["does not report a phone number in national format", "Call (415) 555-2671 today", []],
    ["reports a Luhn-valid card number of a known issuer", "card 4111 1111 1111 1111", ["credit-card"]],
    ["does not report a card number that fails the Luhn check", "card 4111 1111 1111 1112", []],
    ["does not report a Luhn-valid number of no known issuer", "card 9999 9999 9999 9995", []],
    ["does not report digits grouped with mixed separators", "card 4111-1111 1111-1111", []],
    ["reports an IBAN whose mod-97 checksum holds", "IBAN DE89 3704 0044 0532 0130 00", ["iban"]],
    ["does not report an IBAN whose checksum fails", "IBAN DE89 3704 0044 0532 0130 01", []],
    ["reports a bare private address", "host 172.16.4.2 answered", ["private-ip"]],
    ["reports a private IPv6 address in a URL", "GET http://[::1]:9000/", ["private-ip"]],
    ["reports a loopback address disguised in hexadecimal", "SSRF via http://0x7f.1/admin", ["private-ip"]],
    ["does not report public addresses next to private ranges", "public 172.32.0.1 and 8.8.8.8", []],
  ])("%s", (_, text, expected) => {
    expect(rules(text)).toEqual(expected);
  });

  it("reports a JWT only when its header decodes to JSON naming an algorithm", () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    expect(rules(`${part({ alg: "HS256" })}.${part({ sub: "1" })}.c2lnbmF0dXJlLXNpZw`)).toEqual(["jwt"]);
    expect(rules(`${part({ typ: "JWT" })}.${part({ sub: "1" })}.c2lnbmF0dXJlLXNpZw`)).toEqual([]);
  });

  it("reports nothing in an empty text", () => {
    expect(scanText("", "title")).toEqual([]);
  });
});

describe("excerpts", () => {
  it("keep some context and show at most the first four characters of a long value", () => {
    const [finding] = scanText(`leaked ${ghToken} in app.js`, "description");
    expect(finding.excerpt).toBe(`leaked ${maskValue(ghToken)} in app.js`);
    expect(maskValue(ghToken)).toBe(`ghp_…[${ghToken.length} chars]`);
  });

  it("show no character of a short value", () => {
    expect(maskValue("10.0.0.5")).toBe("…[8 chars]");
    expect(maskValue("alice@example.com")).toBe("al…[17 chars]");
  });

  it("never reach into a neighbouring finding", () => {
    const findings = scanText("alice@example.com,bob@example.org", "description");
    expect(findings.map((finding) => finding.excerpt)).toEqual(["al…[17 chars],", ",bo…[15 chars]"]);
  });
});
