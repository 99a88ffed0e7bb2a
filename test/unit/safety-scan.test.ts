import { describe, expect, it } from "vitest";
import { maskValue, redactText, scanText } from "../../src/domain/safety/index.js";
import { MAX_PHONE_CONFIRMATIONS } from "../../src/domain/safety/personal.js";

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
    ["reports a password below the entropy threshold", "password=hunter2", ["secret-assignment"]],
    ["does not report a non-password value too short to measure", "token=hunter2", []],
    ["does not report a value whose key only mentions a secret", "token_expiry=8f7a6c5d4e3b2a19", []],
    ["reports a phone number in international format", "Call +1 415 555 2671 today", ["phone-number"]],
    ["reports a phone number followed by a date and time", "SMS sent to +14155552671 2024-05-01 10:00:00", ["phone-number"]],
    ["does not report a plus sign before too few digits for a phone number", "Rated +1 (2) 3-4 by users", []],
    // Issue 13: national numbers are found by their shape and confirmed in the regions that shape suggests.
    ["reports a North American number written without its country code", "Call (415) 555-2671 today", ["phone-number"]],
    ["reports a national number with a trunk 0", "Tel. 020 7946 0958 (office)", ["phone-number"]],
    ["does not report a date written with dots", "Seen on 05.03.2024 at 10:22", []],
    ["does not report a short number with a trunk 0 that no region issues", "ref 0123 4567", []],
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

  it("reports every phone number of a wall of them, past the ones libphonenumber confirms", () => {
    const numbers = Array.from({ length: MAX_PHONE_CONFIRMATIONS + 4 }, (_, index) => `+1 415 555 ${2600 + index}`);
    const text = numbers.join(", ");
    const findings = scanText(text, "description");
    expect(findings.map((finding) => finding.rule)).toEqual(numbers.map(() => "phone-number"));
    expect(redactText(text, findings)).not.toMatch(/\d{4}/);
  });

  it("reports nothing in an empty text", () => {
    expect(scanText("", "title")).toEqual([]);
  });
});

describe("dotted tokens", () => {
  const random = "Xk9mP2vL7qR4sT6uW8yZ0aB3cD5eF7gH9iJ1kL3mN5oP7qR9sT";
  // Built rather than written out, so that no secret scanner takes this file for a leak.
  const googleOauth = `ya29.${"a0AfH6SMBx3hL9Kq2Zr8TnV4".repeat(5)}`;
  const vault = `hvs.${"CAESIJlWh3G6NwGNhvuDUsV".repeat(4)}`;

  it.each([
    ["a Google OAuth access token after Bearer", `Authorization: Bearer ${googleOauth}`, googleOauth, "google-oauth-token"],
    ["a Google service-account token, its own dots included", `token ya29.c.b0AXv0zTN${random}.`, `ya29.c.b0AXv0zTN${random}`, "google-oauth-token"],
    ["a Vault token after a secret key", `VAULT_TOKEN: ${vault}`, vault, "vault-token"],
    ["a Vault token in prose", `The CI log printed ${vault} twice.`, vault, "vault-token"],
    ["an unknown dotted token after Bearer", `Authorization: Bearer abc1.${random}`, `abc1.${random}`, "authorization-header"],
    ["an unknown dotted token after a secret key", `token: abc1.${random}`, `abc1.${random}`, "secret-assignment"],
  ])("reports %s", (_, text, value, rule) => {
    expect(scanText(text, "description").map((f) => [f.rule, text.slice(f.start, f.end)])).toEqual([[rule, value]]);
  });

  it.each([
    "Authorization: Bearer header.payload.signature",
    "Authorization: Bearer this.accessToken",
    "token = req.body.token",
    "secret: config.auth.clientSecret",
    "password: this.state.password1",
    "api_key=import.meta.env.VITE_API_KEY",
    "ya29.tokens are Google OAuth access tokens",
    "hvs.short",
  ])("does not report the member expression or mention %j", (text) => {
    expect(rules(text)).toEqual([]);
  });
});

describe("passwords", () => {
  it.each([
    ["password: Passw0rd", "Passw0rd"],
    ["The default password: Welcome1 is never changed", "Welcome1"],
    ["DB_PASSWORD=Tr0ub4dor", "Tr0ub4dor"],
    ["PGPASSWORD=letmein", "letmein"],
    ["export MYSQLPASSWORD='s3cret'", "s3cret"],
    ["password=Example2024!", "Example2024!"],
    ['{"password": "letmein"}', "letmein"],
    ["passwd: 123456", "123456"],
    ["https://shop.example.com/login?user=bob&password=hunter2", "hunter2"],
    ["password: Blue/Sky", "Blue/Sky"],
    ["password: Sunny+Day", "Sunny+Day"],
    ["password: 4471-9902", "4471-9902"],
  ])("reports the password in %j whatever its entropy", (text, value) => {
    expect(flagged(text)).toEqual([value]);
    expect(rules(text)).toEqual(["secret-assignment"]);
  });

  it.each([
    "password=",
    "password: ***",
    "password=<password>",
    "password=${DB_PASS}",
    "password: changeme",
    "password=change_me",
    "password=example-password",
    "password=dummy",
    "password=xxxx",
    "password=aaaaaaaa",
    "password=abc",
    "password == confirm",
    "password: required",
    "Password: 12 characters minimum",
    "Password: 8-64 characters, no complexity rules.",
    "Password: letters+digits only",
    "Password: 12+ characters",
    "the password: it is sent in clear text",
    "Pass: 42/50 checks",
    "password_policy=Min8Upper1",
    "PWD=/srv/app",
  ])("does not report the stand-in, prose or code in %j", (text) => {
    expect(rules(text).filter((rule) => rule === "secret-assignment")).toEqual([]);
  });
});

describe("credentials in URL query strings", () => {
  it.each([
    ["session", "https://shop.example.com/cart?session=8f7a6c5d4e3b&step=2", "8f7a6c5d4e3b"],
    ["key", "https://maps.example.com/api/js?key=a1b2c3d4e5f6&v=3", "a1b2c3d4e5f6"],
    ["code", "https://app.example.com/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz", "SplxlOBeZQQYbYS6WxSbIA"],
    ["sig", "https://cdn.example.com/a.png?sv=2022&sig=abcdEFGH1234%3D", "abcdEFGH1234%3D"],
    ["signature", "https://cdn.example.com/v.mp4?signature=9f8e7d6c5b4a", "9f8e7d6c5b4a"],
    ["access_token", "https://api.example.com/me?access_token=a1b2c3d4", "a1b2c3d4"],
    ["apikey", "https://api.example.com/v1?apikey=k3y4u5e6", "k3y4u5e6"],
    ["auth", "https://api.example.com/v1?auth=Zm9vYmFy1", "Zm9vYmFy1"],
    ["session (hex)", "https://app.example.com/account?session=5f75cd17b755175ee9d51fdab78d2765", "5f75cd17b755175ee9d51fdab78d2765"],
    ["key (hex)", "https://maps.example.com/js?key=397abc7d22abda2c8807768db3eb6cb0", "397abc7d22abda2c8807768db3eb6cb0"],
    ["code (short hex)", "https://github.example.com/callback?code=a1b2c3d4e5f6a7b8c9d0", "a1b2c3d4e5f6a7b8c9d0"],
  ])("reports a non-trivial ?%s= value", (_, text, value) => {
    expect(flagged(text)).toEqual([value]);
    expect(rules(text)).toEqual(expect.arrayContaining([expect.stringMatching(/^(query-secret|secret-assignment)$/)]));
  });

  it("keeps the parameter name and the rest of the URL when redacted", () => {
    const text = "https://app.example.com/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz";
    expect(redactText(text, scanText(text, "affectedUrl"))).toBe("https://app.example.com/callback?code=[redacted:secret]&state=xyz");
  });

  it.each([
    "https://example.com/list?key=created_at&sort=desc",
    "https://example.com/shipping?code=US-CA",
    "https://example.com/status?code=200",
    "https://example.com/otp?code=123456",
    "https://example.com/app?session=new",
    "https://example.com/a?sig=",
    "https://example.com/a?key=YOUR_API_KEY",
    "https://example.com/a?token=${TOKEN}",
    "https://example.com/search?q=a1b2c3d4e5",
    "https://shop.example.com/cart?code=SUMMER2024",
    "https://support.example.com/view?ticket=INC0012345",
  ])("does not report the trivial or unrelated value in %s", (text) => {
    expect(rules(text)).toEqual([]);
  });
});

describe("percent-encoded URL paths", () => {
  it("decodes a path segment before looking for personal data and flags the encoded segment", () => {
    const text = "https://example.com/users/alice%40example.com/profile";
    expect(scanText(text, "affectedUrl")).toEqual([
      expect.objectContaining({ rule: "email", kind: "PERSONAL_DATA", start: text.indexOf("alice"), end: text.indexOf("/profile") }),
    ]);
    expect(redactText(text, scanText(text, "affectedUrl"))).toBe("https://example.com/users/[redacted:personal_data]/profile");
  });

  it.each([
    ["an email despite a malformed escape elsewhere in the segment", "https://example.com/u/alice%40example.com%ZZ", "email"],
    ["an encoded phone number", "https://example.com/call/%2B1%20415%20555%202671", "phone-number"],
    ["an encoded Windows path", "https://example.com/f/C%3A%5CUsers%5Calice%5Cx.txt", "file-path"],
  ])("finds %s", (_, text, rule) => {
    expect(rules(text)).toEqual([rule]);
  });

  it.each([
    "https://example.com/wiki/Caf%C3%A9_Menu",
    "https://example.com/search/security%20headers/page/2",
    "https://example.com/files/report%202024.pdf",
  ])("reports nothing in the ordinary encoded path %s", (text) => {
    expect(rules(text)).toEqual([]);
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

describe("secret values shaped like policy wording", () => {
  it("reports a digitless base64 secret after a token key", () => {
    const text = "token: hQmZ/kWpRtYvBnXc+LsDfGhJkAeUiOpQw";
    expect(rules(text)).toEqual(["secret-assignment"]);
  });
});
