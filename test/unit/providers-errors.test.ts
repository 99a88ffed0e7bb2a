import { describe, expect, it } from "vitest";
import { classifyResponse, excerpt, providerMessage } from "../../src/providers/errors.js";
import { retryAfterFrom, type ResponseHeaders } from "../../src/providers/rate-limit.js";

const NOW = new Date("2030-01-01T00:00:00.000Z");
const at = (iso: string) => new Date(iso);

describe("classifyResponse", () => {
  it.each([200, 201, 204, 302])("finds nothing wrong with %i", (status) => {
    expect(classifyResponse(status, {}, NOW)).toBeNull();
  });

  it.each([
    [401, {}, "", "REVOKED"],
    [403, {}, '{"message":"Resource not accessible by integration"}', "REVOKED"],
    [403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1893456300" }, "", "RATE_LIMITED"],
    [403, {}, '{"message":"You have exceeded a secondary rate limit. Please wait."}', "RATE_LIMITED"],
    [403, { "retry-after": "60" }, "", "RATE_LIMITED"],
    [404, {}, "", "UNSUPPORTED"],
    [410, {}, '{"message":"Issues are disabled for this repo"}', "UNSUPPORTED"],
    [429, {}, "", "RATE_LIMITED"],
    [500, {}, "", "TRANSIENT"],
    [502, {}, "<html>Bad gateway</html>", "TRANSIENT"],
    [503, {}, "", "TRANSIENT"],
    [400, {}, "", "PERMANENT"],
    [409, {}, "", "PERMANENT"],
    [422, {}, '{"message":"Validation Failed"}', "PERMANENT"],
  ] as const)("sorts %i %j %j as %s", (status, headers, body, kind) => {
    expect(classifyResponse(status, headers, NOW, { body })).toMatchObject({ kind, status });
  });

  it("dates a 429 from Retry-After", () => {
    const error = classifyResponse(429, { "retry-after": "30" }, NOW);
    expect(error?.retryAfter).toEqual(at("2030-01-01T00:00:30.000Z"));
    expect(error?.message).toContain("retry after 2030-01-01T00:00:30.000Z");
  });

  it("dates a GitHub primary rate limit 403 from x-ratelimit-reset", () => {
    const error = classifyResponse(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1893456300" }, NOW);
    expect(error?.retryAfter).toEqual(at("2030-01-01T00:05:00.000Z"));
  });

  it("leaves retryAfter unset for kinds that are not rate limits", () => {
    expect(classifyResponse(503, { "retry-after": "30" }, NOW)?.retryAfter).toBeUndefined();
  });

  it("names the service and quotes the provider's own message", () => {
    const error = classifyResponse(401, {}, NOW, { body: '{"message":"Bad credentials"}', service: "GitHub" });
    expect(error?.message).toBe("GitHub refused the credential (HTTP 401): Bad credentials.");
  });

  it("does not quote a body that is not JSON", () => {
    const error = classifyResponse(502, {}, NOW, { body: "<html><body>upstream secret-ish stack trace</body></html>" });
    expect(error?.message).toBe("The tracker failed temporarily (HTTP 502).");
  });
});

describe("retryAfterFrom", () => {
  it.each<[ResponseHeaders, string, string]>([
    [{ "retry-after": "120" }, "2030-01-01T00:02:00.000Z", "Retry-After in seconds"],
    [{ "retry-after": "Tue, 01 Jan 2030 01:00:00 GMT" }, "2030-01-01T01:00:00.000Z", "Retry-After as an HTTP-date"],
    [{ "x-ratelimit-requests-reset": String(Date.parse("2030-01-01T00:10:00Z")) }, "2030-01-01T00:10:00.000Z", "Linear's epoch milliseconds"],
    [{ "x-ratelimit-reset": "1893456600" }, "2030-01-01T00:10:00.000Z", "GitHub's epoch seconds"],
    [{ "ratelimit-reset": "1893456600" }, "2030-01-01T00:10:00.000Z", "GitLab's epoch seconds"],
    [{ "x-ratelimit-reset": "2030-01-01T00:15:00.000Z" }, "2030-01-01T00:15:00.000Z", "Jira's ISO date"],
    [{ "ratelimit-reset": "45" }, "2030-01-01T00:00:45.000Z", "a small reset number, read as a delay"],
    [{ "retry-after": ["15", "99"] }, "2030-01-01T00:00:15.000Z", "a repeated header, first value"],
    [{ "retry-after": "10", "x-ratelimit-reset": "1893456600" }, "2030-01-01T00:00:10.000Z", "Retry-After before the reset header"],
    [{ "retry-after": "soon" }, "2030-01-01T00:01:00.000Z", "an unreadable header, so the 60 s default"],
    [{}, "2030-01-01T00:01:00.000Z", "no header, so the 60 s default"],
    [{ "x-ratelimit-reset": "1000000000" }, "2030-01-01T00:00:00.000Z", "a reset in the past, so now"],
    [
      { "x-rate-limit-api-token-interval-ms": "10000", "x-rate-limit-api-key-interval-ms": "15000" },
      "2030-01-01T00:00:15.000Z",
      "Trello's window lengths, the longer one",
    ],
    [{ "x-rate-limit-api-token-interval-ms": "10000", "retry-after": "3" }, "2030-01-01T00:00:03.000Z", "Retry-After before Trello's windows"],
  ])("reads %j as %s (%s)", (headers, expected) => {
    expect(retryAfterFrom(headers, NOW)).toEqual(at(expected));
  });
});

describe("providerMessage", () => {
  it.each([
    ['{"message":"Bad credentials"}', "Bad credentials", "GitHub and GitLab"],
    ['{"message":{"title":["can\'t be blank"]}}', "title: can't be blank", "a GitLab field map"],
    ['{"errorMessages":["No project could be found with key \'X\'."],"errors":{}}', "No project could be found with key 'X'.", "Jira"],
    ['{"errorMessages":[],"errors":{"summary":"You must specify a summary"}}', "summary: You must specify a summary", "a Jira field error"],
    ['{"errors":[{"message":"Authentication required"}]}', "Authentication required", "GraphQL"],
    ['{"error":"invalid_token","error_description":"Token expired"}', "Token expired", "OAuth: the sentence, not the code"],
    ['{"error":"Not Found","error_description":"Entity with id NOPE not found"}', "Entity with id NOPE not found", "YouTrack"],
    ['{"err":"Token invalid","ECODE":"OAUTH_025"}', "Token invalid", "ClickUp"],
    ['{"errors":[{"message":"project: Unknown object: 42","help":"See https://developers.asana.com"}]}', "project: Unknown object: 42", "Asana"],
    ['{"type":"error","error":{"message":"Repository not found"}}', "Repository not found", "Bitbucket"],
    ['{"$id":"1","message":"TF200016: The following project does not exist: Web.","typeKey":"ProjectDoesNotExistWithNameException"}', "TF200016: The following project does not exist: Web.", "Azure DevOps"],
    ['{"error":"API_TOKEN_LIMIT_EXCEEDED","message":"Rate limit exceeded"}', "Rate limit exceeded", "Trello's 429"],
  ])("reads %s as %j (%s)", (body, expected) => {
    expect(providerMessage(body)).toBe(expected);
  });

  it.each([["<html>oops</html>"], [""], ["[]"], ["{}"], ["42"]])("finds nothing in %j", (body) => {
    expect(providerMessage(body)).toBeUndefined();
  });
});

describe("excerpt", () => {
  it("flattens control characters and runs of whitespace", () => {
    expect(excerpt("line one\r\n\tline\u0000two  ")).toBe("line one line two");
  });

  it("cuts long text to 160 characters with an ellipsis", () => {
    const cut = excerpt("a".repeat(500));
    expect(cut).toHaveLength(160);
    expect(cut.endsWith("…")).toBe(true);
  });
});
