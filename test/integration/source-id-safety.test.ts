import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
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

describe.each(backends)("a source id that holds personal data on $name", (backend) => {
  let api: TestServer;
  let operator: string;

  beforeAll(async () => {
    api = await startTestServer(backend);
    operator = await api.token("acme", "operator");
  });
  afterAll(() => api?.close());

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
