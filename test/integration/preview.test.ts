import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { startFakeTracker, type FakeTracker } from "../support/fake-trackers/index.js";
import { INGEST, SOURCES, reportInput } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

const READINESS = "readiness { portableReady providerUnavailable duplicateGuardReady importBoundaryClear unsafePreviewBlocked }";
const KEY_FIELDS = "id fingerprint label sourceType sourceId";
const KEY = `duplicateKey { ${KEY_FIELDS} }`;

const PREVIEW = /* GraphQL */ `
  mutation Preview($input: PortableExportInput!) {
    previewPortableExport(input: $input) {
      format formatReason dialect safe sample
      items { exportStatus source { id sourceId } ${KEY} ${READINESS} }
      findings { source { id sourceId } field kind rule excerpt }
    }
  }
`;
const SOURCE_STATE = /* GraphQL */ `
  query SourceState($id: ID!) {
    exportSource(id: $id) { exportStatus fallbackDecision { id } portableExports { id } ${READINESS} }
  }
`;
const KEY_BY_FINGERPRINT = /* GraphQL */ `
  query Key($fingerprint: String!) {
    duplicateKey(fingerprint: $fingerprint) { ${KEY_FIELDS} portableExports { id } providerTicket { key } }
  }
`;

const SELF_HOSTED = { DEPLOYMENT_MODE: "self-hosted", PROVIDER_ENDPOINT_ALLOWLIST: "127.0.0.1", PROVIDER_RETRY_BASE_MS: "1" };

const GITHUB_TOKEN = `ghp_${"Q7w8E9r0T1".repeat(3)}y2U3i4`;
const EMAIL = "jane.doe@example.org";
const CARD = "4111 1111 1111 1111";
const SLACK_WEBHOOK = "https://hooks.slack.com/services/T0AAAAAAA/B0BBBBBBB/abcdefghijklmnopqrstuvwx";
const AWS_KEY = "AKIAIOSFODNN7EXAMPLQ";
/** Everything sensitive the suite puts into sources: none of it may come back in a sample or an excerpt. */
const SENSITIVE = [GITHUB_TOKEN, EMAIL, CARD, CARD.replace(/ /g, ""), SLACK_WEBHOOK, AWS_KEY, "hunter2pass", "/var/data/report.har"];

const CLEAN = { portableReady: true, providerUnavailable: true, duplicateGuardReady: true, importBoundaryClear: true, unsafePreviewBlocked: false };

describe.each(backends)("duplicate keys and the evidence-safe preview on $name", (backend) => {
  let api: TestServer;
  const trackers: FakeTracker[] = [];

  beforeAll(async () => {
    api = await startTestServer(backend, SELF_HOSTED);
  });
  afterAll(async () => {
    await Promise.all(trackers.map((fake) => fake.close()));
    await api?.close();
  });

  /** Ingests `input` for the organization `slug` and returns its report id and sources in ingest order. */
  const ingest = async (token: string, input: ReturnType<typeof reportInput>) => {
    const { ingestReport } = await api.ok(token, INGEST, { input });
    const { exportSources } = await api.ok(token, SOURCES, { reportId: ingestReport.id });
    return { reportId: ingestReport.id as string, sources: exportSources.edges.map((edge: any) => edge.node) as any[] };
  };

  const preview = async (token: string, input: Record<string, unknown>) =>
    (await api.ok(token, PREVIEW, { input: { format: "PORTABLE_EXPORT", acknowledgeImportBoundary: true, ...input } }))
      .previewPortableExport;

  const organizationId = async (slug: string) =>
    (await api.server.services.database.rows<{ id: string }>(sql`select id from organizations where slug = ${slug}`))[0].id;

  /** The documented v1 fingerprint (docs and src/domain/fingerprint.ts), computed independently of the service. */
  const documentedKey = (orgId: string, sourceType: string, sourceId: string) => {
    const hex = createHash("sha256").update(["ticket-exports/fingerprint/v1", orgId, sourceType, sourceId].join("\n")).digest("hex");
    return { fingerprint: `v1:${hex}`, label: `tex-fp-${hex.slice(0, 16)}` };
  };

  describe("duplicate keys", () => {
    it("gives each source the documented v1 fingerprint of organization, source type and source id, with a tracker-safe label", async () => {
      const operator = await api.token("keys-doc", "operator");
      const { sources } = await ingest(operator, reportInput("keys-doc-1", 2));
      const orgId = await organizationId("keys-doc");
      expect(sources).toHaveLength(2);
      for (const source of sources) {
        const expected = documentedKey(orgId, source.sourceType, source.sourceId);
        expect(source.duplicateKey).toMatchObject({ ...expected, sourceType: source.sourceType, sourceId: source.sourceId });
        expect(source.duplicateKey.label).toMatch(/^[a-z0-9-]+$/);
      }
    });

    it("keeps the same key for a source across reports and re-ingests, and a separate one per source type", async () => {
      const operator = await api.token("keys-stable", "operator");
      const first = await ingest(operator, reportInput("keys-stable-a", 2));
      const second = await ingest(operator, reportInput("keys-stable-b", 2));
      const changed = reportInput("keys-stable-a", 2, { title: "Renamed scan" });
      changed.sources[0] = { ...changed.sources[0], title: "Renamed finding", description: "Rewritten.", labels: ["other"] };
      const again = await ingest(operator, changed);
      expect(again.reportId).toBe(first.reportId);
      for (const run of [second, again]) {
        expect(run.sources.map((source) => source.duplicateKey)).toEqual(first.sources.map((source) => source.duplicateKey));
      }
      // The same sourceId as a FIX_TASK is another source with another key.
      const retyped = reportInput("keys-stable-c", 1);
      retyped.sources[0].sourceType = "FIX_TASK";
      const [fixTask] = (await ingest(operator, retyped)).sources;
      expect(fixTask.duplicateKey.fingerprint).not.toBe(first.sources[0].duplicateKey.fingerprint);
      const [{ count }] = await api.server.services.database.rows<{ count: number }>(
        sql`select count(*)::int as count from duplicate_keys where organization_id = ${await organizationId("keys-stable")}`,
      );
      expect(count).toBe(3);
    });

    it("finds a key by its fingerprint within the organization only", async () => {
      const viewer = await api.token("keys-find", "viewer");
      const operator = await api.token("keys-find", "operator");
      const stranger = await api.token("keys-find-other", "operator");
      const [source] = (await ingest(operator, reportInput("keys-find-1", 1))).sources;
      const [strangers] = (await ingest(stranger, reportInput("keys-find-1", 1))).sources;

      const { duplicateKey } = await api.ok(viewer, KEY_BY_FINGERPRINT, { fingerprint: source.duplicateKey.fingerprint });
      expect(duplicateKey).toEqual({ ...source.duplicateKey, portableExports: [], providerTicket: null });
      // The same scanner id in another organization is another key, and neither sees the other's.
      expect(strangers.duplicateKey.fingerprint).not.toBe(source.duplicateKey.fingerprint);
      expect((await api.ok(stranger, KEY_BY_FINGERPRINT, { fingerprint: source.duplicateKey.fingerprint })).duplicateKey).toBeNull();
      expect((await api.ok(viewer, KEY_BY_FINGERPRINT, { fingerprint: `v1:${"0".repeat(64)}` })).duplicateKey).toBeNull();
    });
  });

  describe("previewPortableExport", () => {
    it("previews a clean export for Jira as a Jira CSV with each item's key, file status and five readiness states", async () => {
      const operator = await api.token("preview-jira", "operator");
      const { reportId, sources } = await ingest(operator, reportInput("preview-jira-1", 3));
      const asked = [sources[2], sources[0], sources[1]];
      const result = await preview(operator, { sourceIds: asked.map((source) => source.id), intendedTracker: "JIRA" });

      expect(result).toMatchObject({
        format: "CSV_EXPORT",
        dialect: "jira",
        formatReason: "Jira imports CSV, so the file is a CSV in Jira's column layout, ready for its importer.",
        safe: true,
        findings: [],
      });
      expect(result.items).toEqual(
        asked.map((source) => ({
          source: { id: source.id, sourceId: source.sourceId },
          duplicateKey: source.duplicateKey,
          // What the file would say: the export moves NOT_EXPORTED sources to PORTABLE_READY.
          exportStatus: "PORTABLE_READY",
          readiness: CLEAN,
        })),
      );
      expect(result.sample.split("\r\n")[0]).toMatch(/^Summary,Issue Type,Priority,Description,Labels/);
      for (const source of asked) expect(result.sample).toContain(source.duplicateKey.fingerprint);

      // A preview makes nothing and moves nothing.
      const { exportSource } = await api.ok(operator, SOURCE_STATE, { id: sources[0].id });
      expect(exportSource).toMatchObject({ exportStatus: "NOT_EXPORTED", fallbackDecision: null, portableExports: [] });
      expect((await api.ok(operator, `query($id: ID!) { portableExports(reportId: $id) { id } }`, { id: reportId })).portableExports).toEqual([]);
    });

    it("previews for GitHub as Markdown ticket bodies", async () => {
      const operator = await api.token("preview-github", "operator");
      const { sources } = await ingest(operator, reportInput("preview-github-1", 2));
      const result = await preview(operator, { sourceIds: sources.map((source) => source.id), intendedTracker: "GITHUB" });
      expect(result).toMatchObject({
        format: "MARKDOWN_EXPORT",
        dialect: "gfm",
        formatReason:
          "GitHub has no file importer for issues, so the file holds one Markdown section per source to paste, each with its duplicate guard line.",
        safe: true,
      });
      expect(result.sample).toContain(`## Finding 0\n\nDuplicate guard: ${sources[0].duplicateKey.label}\n`);
      expect(result.sample).toContain("- [ ] Criterion 1");
      expect(result.sample).toContain(`- Fingerprint label: ${sources[1].duplicateKey.label}`);
    });

    it("shows importBoundaryClear false until the requester acknowledges the import boundary", async () => {
      const operator = await api.token("preview-boundary", "operator");
      const { sources } = await ingest(operator, reportInput("preview-boundary-1", 1));
      const result = await preview(operator, { sourceIds: [sources[0].id], acknowledgeImportBoundary: false });
      expect(result.items[0].readiness).toEqual({ ...CLEAN, importBoundaryClear: false });
    });

    it("shows an item not portable-ready while a usable native target exists, until the customer requires a file", async () => {
      const admin = await api.token("preview-native", "admin");
      const operator = await api.token("preview-native", "operator");
      const { sources } = await ingest(operator, reportInput("preview-native-1", 1));
      const github = await startFakeTracker("GITHUB");
      trackers.push(github);
      await api.ok(admin, `mutation($input: ConnectProviderTargetInput!) { connectProviderTarget(input: $input) { id } }`, {
        input: { ...github.connection, name: "Repo" },
      });
      const native = await preview(operator, { sourceIds: [sources[0].id] });
      expect(native.items[0].readiness).toEqual({ ...CLEAN, portableReady: false, providerUnavailable: false });

      await api.ok(operator, `mutation($ids: [ID!]!) { evaluateFallback(sourceIds: $ids, requirePortable: true, reason: "CSV for the client") { id } }`, {
        ids: [sources[0].id],
      });
      const required = await preview(operator, { sourceIds: [sources[0].id] });
      // The customer chose the file; the provider was still available.
      expect(required.items[0].readiness).toEqual({ ...CLEAN, providerUnavailable: false });
    });

    it("reports a secret, an email and a card number as masked findings, and blocks those items", async () => {
      const operator = await api.token("preview-findings", "operator");
      const input = reportInput("preview-findings-1", 3);
      input.sources[0].description = `A deploy token ${GITHUB_TOKEN} sits in the page source.`;
      input.sources[1].acceptanceCriteria = ["Remove the contact", `No address like ${EMAIL} in responses`];
      input.sources[1].title = `Card ${CARD} echoed back`;
      const { sources } = await ingest(operator, input);
      const result = await preview(operator, { sourceIds: sources.map((source) => source.id) });

      expect(result.safe).toBe(false);
      expect(result.findings.map((finding: any) => [finding.source.sourceId, finding.field, finding.kind, finding.rule])).toEqual([
        ["src-0", "description", "SECRET", "github-token"],
        ["src-1", "title", "PERSONAL_DATA", "credit-card"],
        ["src-1", "acceptanceCriteria[1]", "PERSONAL_DATA", "email"],
      ]);
      expect(result.findings.map((finding: any) => finding.excerpt)).toEqual([
        // Twelve characters of context on each side, the value masked to its prefix and length.
        "eploy token ghp_…[40 chars] sits in the",
        "Card 41…[19 chars] echoed back",
        "ddress like ja…[20 chars] in response",
      ]);
      expect(result.items.map((item: any) => item.readiness)).toEqual([
        { ...CLEAN, portableReady: false, unsafePreviewBlocked: true },
        { ...CLEAN, portableReady: false, unsafePreviewBlocked: true },
        CLEAN,
      ]);
      const text = JSON.stringify(result);
      for (const value of SENSITIVE) expect(text).not.toContain(value);
      expect(result.sample).toContain("[redacted:secret]");
    });

    it("is safe with redact: true while still listing the findings, without changing the stored source", async () => {
      const operator = await api.token("preview-redact", "operator");
      const input = reportInput("preview-redact-1", 2);
      input.sources[0].description = `Leaked: ${GITHUB_TOKEN}`;
      const { sources } = await ingest(operator, input);
      const ids = sources.map((source) => source.id);

      const unredacted = await preview(operator, { sourceIds: ids });
      const redacted = await preview(operator, { sourceIds: ids, redact: true });
      expect([unredacted.safe, redacted.safe]).toEqual([false, true]);
      expect(redacted.findings).toEqual(unredacted.findings);
      expect(redacted.findings).toHaveLength(1);
      expect(redacted.items.map((item: any) => item.readiness)).toEqual([CLEAN, CLEAN]);
      expect(redacted.sample).toBe(unredacted.sample);
      expect(redacted.sample).toContain("Leaked: [redacted:secret]");
      // The source itself still holds the secret: it stays blocked until it is fixed at the source.
      const { exportSource } = await api.ok(operator, SOURCE_STATE, { id: ids[0] });
      expect(exportSource.readiness.unsafePreviewBlocked).toBe(true);
    });

    it("keeps unsafePreviewBlocked true until a re-ingest fixes the text", async () => {
      const operator = await api.token("preview-fixed", "operator");
      const input = reportInput("preview-fixed-1", 1);
      input.sources[0].description = `Reach the owner at ${EMAIL}.`;
      const { sources } = await ingest(operator, input);
      const id = sources[0].id;
      const blocked = async () => ({
        preview: (await preview(operator, { sourceIds: [id] })).items[0].readiness.unsafePreviewBlocked,
        source: (await api.ok(operator, SOURCE_STATE, { id })).exportSource.readiness.unsafePreviewBlocked,
      });

      expect(await blocked()).toEqual({ preview: true, source: true });
      await preview(operator, { sourceIds: [id], redact: true });
      expect(await blocked()).toEqual({ preview: true, source: true });

      input.sources[0].description = "Reach the owner through the support form.";
      const again = await ingest(operator, input);
      expect(again.sources[0].id).toBe(id);
      expect(await blocked()).toEqual({ preview: false, source: false });
      const fixed = await preview(operator, { sourceIds: [id] });
      expect(fixed).toMatchObject({ safe: true, findings: [] });
      expect(fixed.items[0].readiness).toEqual(CLEAN);
    });

    it("leaves out of the sample every evidence link that is not http(s) or not clean", async () => {
      const operator = await api.token("preview-links", "operator");
      const input = reportInput("preview-links-1", 1);
      input.sources[0].evidenceLinks = [
        { label: "Screenshot", url: "https://evidence.example.com/shot.png" },
        { label: "FTP copy", url: "ftp://files.example.com/shot.png" },
        { label: "Script", url: "javascript:alert(document.cookie)" },
        { label: "HAR file", url: "file:///var/data/report.har" },
        { label: "Bucket", url: "https://bucket.s3.amazonaws.com/shot.png?X-Amz-Signature=0123456789abcdef0123&X-Amz-Expires=600" },
        { label: "With login", url: "https://bob:hunter2pass@evidence.example.com/login.png" },
        { label: `Sent by ${EMAIL}`, url: "https://evidence.example.com/mail.png" },
        { label: "Relative", url: "/uploads/shot.png" },
        { label: "Plain http", url: "http://evidence.example.com/plain.png" },
      ];
      const { sources } = await ingest(operator, input);

      for (const [redact, intendedTracker] of [[false, "GITHUB"], [true, "GITHUB"], [false, "JIRA"]] as const) {
        const result = await preview(operator, { sourceIds: [sources[0].id], redact, intendedTracker });
        expect(result.findings.map((finding: any) => [finding.field, finding.rule])).toEqual([
          ["evidenceLinks[3].url", "file-url"],
          ["evidenceLinks[4].url", "presigned-url"],
          ["evidenceLinks[5].url", "url-credentials"],
          ["evidenceLinks[6].label", "email"],
        ]);
        expect(result.sample).toContain("https://evidence.example.com/shot.png");
        expect(result.sample).toContain("http://evidence.example.com/plain.png");
        for (const gone of ["ftp://", "javascript:", "file://", "s3.amazonaws.com", "bob", "hunter2pass", "mail.png", "Sent by", "/uploads/shot.png", "FTP copy", "HAR file"]) {
          expect(result.sample).not.toContain(gone);
        }
      }
    });

    it("never puts a secret, a private path or personal data in the sample, whichever field holds it", async () => {
      const operator = await api.token("preview-everywhere", "operator");
      const input = reportInput("preview-everywhere-1", 3);
      input.sources[0].title = `Token ${GITHUB_TOKEN} in bundle`;
      input.sources[0].labels = ["web", `key-${AWS_KEY}`];
      input.sources[1].affectedUrl = `https://shop.example.com/contact?email=${encodeURIComponent(EMAIL)}`;
      input.sources[1].description = `Webhook ${SLACK_WEBHOOK} and the HAR at /var/data/report.har`;
      input.sources[2].acceptanceCriteria = [`No card like ${CARD} in logs`];
      const { sources } = await ingest(operator, input);

      for (const intendedTracker of ["GITHUB", "JIRA", "GITLAB", null]) {
        const result = await preview(operator, { sourceIds: sources.map((source) => source.id), intendedTracker, redact: false });
        expect(result.safe).toBe(false);
        expect(new Set(result.findings.map((finding: any) => finding.source.sourceId))).toEqual(new Set(["src-0", "src-1", "src-2"]));
        for (const value of [...SENSITIVE, encodeURIComponent(EMAIL)]) {
          expect(result.sample).not.toContain(value);
          for (const finding of result.findings) expect(finding.excerpt).not.toContain(value);
        }
        expect(result.items.map((item: any) => item.readiness.unsafePreviewBlocked)).toEqual([true, true, true]);
      }
    });

    it("refuses a viewer, another organization's source, sources of two reports and an empty list", async () => {
      const operator = await api.token("preview-refusals", "operator");
      const viewer = await api.token("preview-refusals", "viewer");
      const stranger = await api.token("preview-refusals-other", "operator");
      const one = await ingest(operator, reportInput("preview-refusals-1", 1));
      const two = await ingest(operator, reportInput("preview-refusals-2", 1));
      const theirs = await ingest(stranger, reportInput("preview-refusals-3", 1));
      const attempt = (token: string, sourceIds: string[]) =>
        api.graphql(token, PREVIEW, { input: { sourceIds, format: "CSV_EXPORT", acknowledgeImportBoundary: true } });

      expect((await attempt(viewer, [one.sources[0].id])).errors?.[0].extensions?.code).toBe("FORBIDDEN");
      expect((await attempt(operator, [one.sources[0].id, theirs.sources[0].id])).errors?.[0].extensions).toMatchObject({
        code: "NOT_FOUND",
        id: theirs.sources[0].id,
      });
      expect((await attempt(operator, [one.sources[0].id, two.sources[0].id])).errors?.[0].extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "input.sourceIds",
      });
      expect((await attempt(operator, [])).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.sourceIds" });
    });
  });
});
