import { describe, expect, it } from "vitest";
import { isPlaceholder, SECRET_ENTROPY_THRESHOLD, shannonEntropy } from "../../src/domain/safety/index.js";
import { isSecretKey } from "../../src/domain/safety/secrets.js";

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
});

describe("isSecretKey", () => {
  it.each(["password", "db_password", "DB_PASSWORD", "refreshToken", "x-api-key", "apiKey", "client_secret", "AccountKey", "aws.secret", "_authToken", "PHPSESSID"])(
    "takes %s for a key naming a secret",
    (key) => expect(isSecretKey(key)).toBe(true),
  );

  it.each(["token_expiry", "password_policy", "auth_url", "tokenType", "key", "monkey", "bypass", "secretariat"])(
    "does not take %s for one",
    (key) => expect(isSecretKey(key)).toBe(false),
  );
});
