import { describe, expect, it } from "vitest";
import { isCodeReference, isPlaceholder, SECRET_ENTROPY_THRESHOLD, shannonEntropy } from "../../src/domain/safety/index.js";
import { isPasswordKey, isSecretKey } from "../../src/domain/safety/secrets.js";
import { isLikelyPasswordValue } from "../../src/domain/safety/values.js";

describe("shannonEntropy", () => {
  it("is zero for an empty or uniform string", () => {
    expect(shannonEntropy("")).toBe(0);
    expect(shannonEntropy("aaaaaaaa")).toBe(0);
  });

  it("is log2 of the alphabet size for a string of distinct characters", () => {
    expect(shannonEntropy("abcd")).toBe(2);
    expect(shannonEntropy("0123456789abcdef")).toBe(4);
  });

  it("gives the same answer on repeated calls, whatever was measured before", () => {
    const first = shannonEntropy("Summer2024!");
    shannonEntropy("zzzzzzzzzzzzzzzz");
    expect(shannonEntropy("Summer2024!")).toBe(first);
  });

  it("puts a short real password above the threshold and the key's own name below it", () => {
    expect(shannonEntropy("Summer2024!")).toBeGreaterThanOrEqual(SECRET_ENTROPY_THRESHOLD);
    expect(shannonEntropy("password")).toBeLessThan(SECRET_ENTROPY_THRESHOLD);
  });
});

describe("isPlaceholder", () => {
  it.each(["${TOKEN}", "$TOKEN", "{{ secrets.KEY }}", "<redacted>", "%API_KEY%", "[redacted:secret]", "********", "xxxxxxxx", "YOUR_API_KEY", "your-token-here", "changeme", "process.env.TOKEN", "null"])(
    "recognises %s as a stand-in",
    (value) => expect(isPlaceholder(value)).toBe(true),
  );

  it.each(["Summer2024!", "8f7a6c5d4e3b2a19", "hunter2", "Xk9#mP2$vL7qR4"])("takes %s for a real value", (value) =>
    expect(isPlaceholder(value)).toBe(false),
  );

  it.each(["example", "example-password", "dummy_token", "REDACTED", "sk_live_xxxxxxxx"])(
    "takes %s, made of placeholder words or a mask, for a stand-in",
    (value) => expect(isPlaceholder(value)).toBe(true),
  );

  it.each(["Example2024!", "dummy7Kq9", "Redacted99x"])("takes %s, which holds a digit beside the word, for a real value", (value) =>
    expect(isPlaceholder(value)).toBe(false),
  );

  it.each([`ya29.${"a0AfH6SMBx3hL9Kq2Zr8".repeat(3)}`, `hvs.${"CAESIJlWh3G6NwGNhvuDUsV".repeat(2)}`, "abc1.a0AfH6SMBx"])(
    "does not excuse the dotted token %s as code",
    (value) => expect(isPlaceholder(value)).toBe(false),
  );
});

describe("isCodeReference", () => {
  it.each(["process.env.NEXT_PUBLIC_API_KEY", "this.props.token", "req.body.password", "import.meta.env.VITE_API_TOKEN", "window.XMLHttpRequest", "config.oauth2Token", "header.payload.signature"])(
    "takes %s for a member expression",
    (value) => expect(isCodeReference(value)).toBe(true),
  );

  it.each([`ya29.${"a0AfH6SMBx3hL9Kq2Zr8".repeat(3)}`, `hvs.${"CAESIJlWh3G6NwGNhvuDUsV".repeat(2)}`, "abc.Xk9mP2vL7q", "tok.aB3dE5fG7hI9jK", "token"])(
    "does not take %s for one",
    (value) => expect(isCodeReference(value)).toBe(false),
  );
});

describe("isLikelyPasswordValue", () => {
  it.each(["Passw0rd", "Welcome1", "Tr0ub4dor", "Example2024!", "hunter2", "P@ss", "123456"])(
    "takes %s, written as prose, for a password whatever its entropy",
    (value) => expect(isLikelyPasswordValue(value, true)).toBe(true),
  );

  it.each(["letmein", "admin", "test", "1234"])("takes %s, written as a literal (`password=…`), for a password", (value) =>
    expect(isLikelyPasswordValue(value, false)).toBe(true),
  );

  it.each(["***", "<password>", "${VAR}", "changeme", "change-me", "xxxx", "aaaaaaaa", "abc", "==", "/srv/app", "https://example.com/pw", "process.env.DB_PASSWORD"])(
    "does not take the stand-in %s for one",
    (value) => expect(isLikelyPasswordValue(value, false)).toBe(false),
  );

  it.each(["required", "Use", "user-defined", "e.g", "12"])("does not take the prose word %s after `password: ` for one", (value) =>
    expect(isLikelyPasswordValue(value, true)).toBe(false),
  );
});

describe("isSecretKey", () => {
  it.each(["password", "db_password", "DB_PASSWORD", "PGPASSWORD", "mysqlpassword", "githubtoken", "XAPIKEY", "refreshToken", "x-api-key", "apiKey", "client_secret", "AccountKey", "aws.secret", "_authToken", "PHPSESSID"])(
    "takes %s for a key naming a secret",
    (key) => expect(isSecretKey(key)).toBe(true),
  );

  it.each(["token_expiry", "password_policy", "auth_url", "tokenType", "key", "monkey", "bypass", "secretariat"])(
    "does not take %s for one",
    (key) => expect(isSecretKey(key)).toBe(false),
  );
});

describe("isPasswordKey", () => {
  it.each(["password", "DB_PASSWORD", "PGPASSWORD", "rootPasswd", "pwd", "MYSQL_PWD", "ssh-passphrase"])("takes %s for a password key", (key) =>
    expect(isPasswordKey(key)).toBe(true),
  );

  it.each(["pass", "bypass", "password_policy", "passwordless", "token", "api_key"])("does not take %s for one", (key) =>
    expect(isPasswordKey(key)).toBe(false),
  );
});
