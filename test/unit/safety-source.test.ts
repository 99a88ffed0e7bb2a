import { describe, expect, it } from "vitest";
import type { SourceContent } from "../../src/domain/export-item.js";
import {
  blockingFindings,
  isRedactable,
  partitionEvidenceLinks,
  redactSource,
  scanSource,
  SOURCE_ID_REMEDY,
} from "../../src/domain/safety/index.js";

const token = `ghp_${"Zx8Yw7Vu6T".repeat(3)}s5Rq4P`;

const source = (): SourceContent => ({
  sourceId: "xss-reflected-search",
  title: "Token leaked in bundle",
  description: `main.js holds ${token}`,
  affectedUrl: "https://shop.example.com/reset?token=8f7a6c5d4e3b2a1908f7a6c5",
  labels: ["security", "owner:alice@example.com"],
  acceptanceCriteria: ["Rotate the token", "Remove /var/www/html/.env from the image"],
  evidenceLinks: [
    { label: "Scan report", url: "https://scanner.example.com/r/1" },
    { label: "Internal wiki", url: "http://wiki.corp/page" },
    { label: "Guide", url: "https://docs.example.com/guide" },
  ],
});

describe("scanSource", () => {
  it("names each finding's field as the export contract spells it", () => {
    const withLabelFinding = { ...source(), evidenceLinks: [{ label: "sent by bob@example.org", url: "https://example.com" }] };
    expect(scanSource(source()).map((finding) => finding.field)).toEqual([
      "description",
      "affectedUrl",
      "labels[1]",
      "acceptanceCriteria[1]",
      "evidenceLinks[1].url",
    ]);
    expect(scanSource(withLabelFinding).map((finding) => finding.field)).toEqual([
      "description",
      "affectedUrl",
      "labels[1]",
      "acceptanceCriteria[1]",
      "evidenceLinks[0].label",
    ]);
  });

  it("scans the affected URL whole, query string included", () => {
    const [finding] = scanSource({ ...source(), description: null, labels: [], acceptanceCriteria: [], evidenceLinks: [] });
    expect(finding).toMatchObject({ field: "affectedUrl", rule: "secret-assignment" });
  });

  it("accepts a source without a description", () => {
    expect(scanSource({ ...source(), description: null }).some((f) => f.field === "description")).toBe(false);
  });

  it("scans the source id, which every file writes, and reports it first", () => {
    const findings = scanSource({ ...source(), sourceId: "alice.smith@example.com" });
    expect(findings[0]).toMatchObject({ field: "sourceId", kind: "PERSONAL_DATA", rule: "email", start: 0, end: 23 });
    expect(findings[0].excerpt).not.toContain("alice.smith");
  });

  it.each([
    ["a token", `leak-${token}`, "github-token"],
    ["an internal host", "build01.lan/finding-7", "internal-host"],
    ["a file path", "/home/alice/scan/42", "file-path"],
  ])("reports %s in the source id", (_, sourceId, rule) => {
    expect(scanSource({ ...source(), sourceId }).filter((f) => f.field === "sourceId").map((f) => f.rule)).toEqual([rule]);
  });

  it.each(["xss-reflected-search", "4111111111111111", "550e8400-e29b-41d4-a716-446655440000", "REPORT_ISSUE:42", "sqli/login.form"])(
    "does not report the ordinary id %s (a numeric id is not a card number)",
    (sourceId) => {
      expect(scanSource({ ...source(), sourceId }).filter((f) => f.field === "sourceId")).toEqual([]);
    },
  );
});

describe("blockingFindings", () => {
  const findings = scanSource({ ...source(), sourceId: "alice.smith@example.com" });

  it("blocks on every finding without redaction, and with redaction on those in the source id only", () => {
    expect(blockingFindings(findings, false)).toEqual(findings);
    expect(blockingFindings(findings, true)).toEqual([expect.objectContaining({ field: "sourceId", rule: "email" })]);
    expect(blockingFindings(scanSource(source()), true)).toEqual([]);
  });

  it("takes only source id findings for unredactable", () => {
    expect(findings.filter((finding) => !isRedactable(finding)).map((finding) => finding.field)).toEqual(["sourceId"]);
  });

  it("tells a person which field to change, and where", () => {
    expect(SOURCE_ID_REMEDY).toContain("sourceId");
    expect(SOURCE_ID_REMEDY).toContain("change the id at the source");
  });
});

describe("redactSource", () => {
  it("redacts every field and drops evidence links that are not evidence-safe", () => {
    expect(redactSource(source())).toEqual({
      sourceId: "xss-reflected-search",
      title: "Token leaked in bundle",
      description: "main.js holds [redacted:secret]",
      affectedUrl: "https://shop.example.com/reset?token=[redacted:secret]",
      labels: ["security", "owner:[redacted:personal_data]"],
      acceptanceCriteria: ["Rotate the token", "Remove [redacted:private_artifact_path] from the image"],
      evidenceLinks: [
        { label: "Scan report", url: "https://scanner.example.com/r/1" },
        { label: "Guide", url: "https://docs.example.com/guide" },
      ],
    });
  });

  it("copies the source id unchanged, even when it holds a finding: the export is refused instead", () => {
    const unsafe = { ...source(), sourceId: "alice.smith@example.com" };
    expect(redactSource(unsafe).sourceId).toBe("alice.smith@example.com");
  });

  it("keeps a null description null", () => {
    expect(redactSource({ ...source(), description: null }).description).toBeNull();
  });

  it("leaves the given source untouched", () => {
    const original = source();
    redactSource(original);
    expect(original).toEqual(source());
  });

  it("redacts only the given findings, and drops a link that a given finding points into", () => {
    const findings = scanSource(source()).filter((f) => f.field === "labels[1]");
    const linkFinding = { ...findings[0], field: "evidenceLinks[2].label" };
    const redacted = redactSource(source(), [...findings, linkFinding]);
    expect(redacted.description).toBe(source().description);
    expect(redacted.labels).toEqual(["security", "owner:[redacted:personal_data]"]);
    expect(redacted.evidenceLinks).toEqual([{ label: "Scan report", url: "https://scanner.example.com/r/1" }]);
  });
});

describe("partitionEvidenceLinks", () => {
  it("keeps clean http(s) links and drops the rest with their original index and a reason", () => {
    const links = [
      { label: "Report", url: "https://scanner.example.com/r/1?tab=2" },
      { label: "Script", url: "javascript:alert(1)" },
      { label: "Relative", url: "/reports/1" },
      { label: "Plain", url: "http://example.com/a" },
      { label: "Mail", url: "mailto:someone@example.com" },
      { label: "Local", url: "file:///home/alice/report.html" },
      { label: `Token ${token}`, url: "https://example.com/b" },
      { label: "Bucket", url: "s3://acme-private/dump.sql" },
    ];
    const { safe, dropped } = partitionEvidenceLinks(links);
    expect(safe).toEqual([links[0], links[3]]);
    expect(dropped.map(({ index, reason }) => [index, reason])).toEqual([
      [1, "url is not an absolute http(s) URL"],
      [2, "url is not an absolute http(s) URL"],
      [4, "url is not an absolute http(s) URL"],
      [5, "url is not an absolute http(s) URL"],
      [6, "label holds a secret (github-token)"],
      [7, "url is not an absolute http(s) URL"],
    ]);
    expect(dropped[4].link).toBe(links[6]);
  });

  it("drops an http(s) link whose URL holds a private artifact or personal data", () => {
    const { safe, dropped } = partitionEvidenceLinks([
      { label: "Presigned", url: "https://cdn.example.com/v.mp4?Expires=1&Signature=abc&Key-Pair-Id=K" },
      { label: "Profile", url: "https://example.com/u/jane.doe@example.com" },
      { label: "Admin", url: "http://localhost:8080/admin" },
    ]);
    expect(safe).toEqual([]);
    expect(dropped.map(({ reason }) => reason)).toEqual([
      "url holds a private artifact path (presigned-url)",
      "url holds personal data (email)",
      "url holds a private artifact path (internal-host)",
    ]);
  });

  it("returns nothing for no links", () => {
    expect(partitionEvidenceLinks([])).toEqual({ safe: [], dropped: [] });
  });
});
