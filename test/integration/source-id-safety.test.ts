import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { familySamples, ORDINARY_SOURCE_IDS } from "../fixtures/secret-families.js";
import { seeded } from "../fixtures/seeded-random.js";
import { reportInput } from "../support/fixtures.js";
import { CREATE_EXPORT, ingest, sourceStates } from "../support/portable.js";
import { startTestServer, type TestServer } from "../support/server.js";

const PREVIEW = /* GraphQL */ `
  mutation Preview($input: PortableExportInput!) {
    previewPortableExport(input: $input) {
      safe
      items { source { id } readiness { portableReady unsafePreviewBlocked } }
      findings { source { id } field kind rule excerpt }
    }
  }
`;

const EMAIL_ID = "alice.smith@example.com";

/**
 * Secrets as source ids, from the generated corpus (test/fixtures/secret-families.ts): one token of each way of hiding
 * it, tokens of provider formats the scanner learned from gitleaks and detect-secrets, and keyed secrets and phrases
 * (whose key is part of the shape).
 */
const samples = familySamples(seeded(0x13));
const SECRET_IDS = [
  ...new Map(samples.filter(({ family }) => family.startsWith("obfuscated")).map((sample) => [sample.family, sample.value])).values(),
  ...samples
    .filter(({ family, rule }) => family === "provider token" && ["sendgrid-api-key", "stripe-webhook-secret", "gitlab-token", "shopify-token", "digitalocean-token", "twilio-api-key"].includes(rule!))
    .map(({ value }) => value),
  ...samples.filter(({ family }) => family === "keyed secret" || family === "phrasing").slice(0, 6).map(({ text }) => text),
].filter((id) => id.length <= 200 && !/[\r\n]/.test(id));

describe.each(backends)("a source id that holds personal data on $name", (backend) => {
  let api: TestServer;
  let operator: string;

  beforeAll(async () => {
    api = await startTestServer(backend);
    operator = await api.token("acme", "operator");
  });
  afterAll(() => api?.close());

  it("blocks every secret shape in a source id, hidden or not, even with redact: true, and no ordinary id", async () => {
    const ids = [...SECRET_IDS, ...ORDINARY_SOURCE_IDS];
    const input = reportInput("r-source-id-shapes", ids.length);
    input.sources.forEach((source, index) => (source.sourceId = ids[index]));
    const { sources } = await ingest(api, operator, input);
    const { previewPortableExport: preview } = await api.ok(operator, PREVIEW, {
      input: { sourceIds: sources.map((source) => source.id), format: "JSON_EXPORT", acknowledgeImportBoundary: true, redact: true },
    });
    const blocked = preview.items.map((item: any, index: number) => [ids[index], item.readiness.unsafePreviewBlocked]);
    expect(blocked).toEqual(ids.map((id) => [id, SECRET_IDS.includes(id)]));
    expect(new Set(preview.findings.map((finding: any) => finding.field))).toEqual(new Set(["sourceId"]));
    expect(preview.safe).toBe(false);
  });

  // Every file writes the source id and the fingerprint is computed from it, so redaction cannot help: only a new id can.
  it("blocks the export even with redact: true, naming the field and what to change, without echoing the id", async () => {
    const input = reportInput("r-source-id", 2);
    input.sources[0].sourceId = EMAIL_ID;
    const { reportId, sources } = await ingest(api, operator, input);
    const exportInput = { sourceIds: sources.map((source) => source.id), format: "CSV_EXPORT", acknowledgeImportBoundary: true, redact: true };

    const { previewPortableExport: preview } = await api.ok(operator, PREVIEW, { input: exportInput });
    expect(preview.safe).toBe(false);
    expect(preview.items.map((item: any) => item.readiness)).toEqual([
      { portableReady: false, unsafePreviewBlocked: true },
      { portableReady: true, unsafePreviewBlocked: false },
    ]);
    expect(preview.findings).toEqual([
      expect.objectContaining({ source: { id: sources[0].id }, field: "sourceId", kind: "PERSONAL_DATA", rule: "email" }),
    ]);
    expect(preview.findings[0].excerpt).not.toContain(EMAIL_ID);

    const refused = await api.graphql(operator, CREATE_EXPORT, { input: exportInput });
    expect(refused.data).toBeNull();
    const [error] = refused.errors!;
    expect(error.extensions).toEqual({
      code: "UNSAFE_PREVIEW_BLOCKED",
      findings: [{ sourceId: sources[0].id, field: "sourceId", kind: "PERSONAL_DATA", rule: "email" }],
    });
    expect(error.message).toContain(`${sources[0].id} sourceId (personal_data)`);
    expect(error.message).toContain("change the id at the source");
    expect(error.message).not.toContain("redact: true");
    expect(JSON.stringify(refused)).not.toContain(EMAIL_ID);
    expect((await sourceStates(api, operator, reportId)).map((source) => source.exportStatus)).toEqual(["NOT_EXPORTED", "NOT_EXPORTED"]);
  });
});
