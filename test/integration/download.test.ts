import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { reportInput } from "../support/fixtures.js";
import {
  CREATE_EXPORT,
  EXPORTS_OF_REPORT,
  EXPORT_BY_ID,
  count,
  download,
  ingest,
  sha256,
  sourceStates,
} from "../support/portable.js";
import { startTestServer, type TestServer } from "../support/server.js";

describe.each(backends)("GET /exports/:id/download on $name", (backend) => {
  let api: TestServer;
  let operator: string;
  let viewer: string;
  let otherOrg: string;

  beforeAll(async () => {
    api = await startTestServer(backend);
    operator = await api.token("acme", "operator");
    viewer = await api.token("acme", "viewer");
    otherOrg = await api.token("globex", "admin");
  });
  afterAll(() => api?.close());

  /** A new report of `size` sources and a ready export of all of them, as the operator makes it. */
  async function freshExport(externalId: string, format = "CSV_EXPORT", size = 2) {
    const { reportId, sources } = await ingest(api, operator, reportInput(externalId, size));
    const { createPortableExport: file } = await api.ok(operator, CREATE_EXPORT, {
      input: { sourceIds: sources.map((source) => source.id), format, acknowledgeImportBoundary: true },
    });
    return { reportId, sources, file };
  }

  const downloadCount = async (exportId: string) =>
    count(api, sql`select download_count as n from portable_exports where id = ${exportId}`);
  const statuses = async (reportId: string) =>
    (await sourceStates(api, viewer, reportId)).map((source) => [source.exportStatus, source.remediationStatus]);

  it("refuses a request without a token, or with one that is not valid, with 401 and a JSON body", async () => {
    const { reportId, file } = await freshExport("r-dl-401");
    for (const token of [null, "tex_not-a-real-token"]) {
      const got = await download(api, token, file.id);
      expect(got.status).toBe(401);
      expect(got.headers.get("content-type")).toMatch(/^application\/json/);
      expect(got.json).toEqual({ error: "UNAUTHENTICATED", message: "Send an API token as `Authorization: Bearer <token>`." });
      expect(got.headers.get("content-disposition")).toBeNull();
    }
    expect(await downloadCount(file.id)).toBe(0);
    expect(await statuses(reportId)).toEqual([
      ["PORTABLE_READY", "OPEN"],
      ["PORTABLE_READY", "OPEN"],
    ]);
  });

  it("answers 404 for another organization's export exactly as for an id that does not exist", async () => {
    const { reportId, file } = await freshExport("r-dl-404");
    const unknown = randomUUID();
    const answers = await Promise.all([
      download(api, otherOrg, file.id),
      download(api, operator, unknown),
      download(api, operator, "not-a-uuid"),
    ]);
    expect(answers.map((got) => [got.status, got.json])).toEqual([
      [404, { error: "NOT_FOUND", message: `No portable export with id "${file.id}" in your organization.` }],
      [404, { error: "NOT_FOUND", message: `No portable export with id "${unknown}" in your organization.` }],
      [404, { error: "NOT_FOUND", message: 'No portable export with id "not-a-uuid" in your organization.' }],
    ]);
    expect(await downloadCount(file.id)).toBe(0);
    expect(await statuses(reportId)).toEqual([
      ["PORTABLE_READY", "OPEN"],
      ["PORTABLE_READY", "OPEN"],
    ]);
  });

  it("refuses with 409 and a JSON body naming what is missing while the file is not ready", async () => {
    const { file } = await freshExport("r-dl-409");
    // The service writes a file in two phases: a row without size, sha256 or ready_at, then the items, then all three
    // in one transaction. Only a crash between the two leaves a row unready; this row is that crash's leftover.
    const [unready] = await api.server.services.database.rows<{ id: string }>(sql`
      insert into portable_exports (organization_id, report_id, requested_format, format, format_reason, dialect,
        intended_tracker, file_name, content_type, file_head, file_tail, row_count, redacted,
        import_boundary_acknowledged, idempotency_key, request_hash, created_by)
      select organization_id, report_id, requested_format, format, format_reason, dialect, intended_tracker, file_name,
        content_type, '', '', row_count, redacted, import_boundary_acknowledged, null, request_hash, created_by
      from portable_exports where id = ${file.id}
      returning id`);
    const got = await download(api, operator, unready.id);
    expect(got.status).toBe(409);
    expect(got.json).toEqual({
      error: "EXPORT_NOT_READY",
      message: "The file is still being written; retry in a moment.",
      missing: ["file"],
      exportId: unready.id,
    });
    expect(got.headers.get("content-disposition")).toBeNull();
    expect(await downloadCount(unready.id)).toBe(0);
    // Nor is an unready file shown by the API.
    const { portableExport } = await api.ok(viewer, EXPORT_BY_ID, { id: unready.id });
    expect(portableExport).toBeNull();

    // A ready file whose readiness is lost the same way is refused the same way.
    await api.server.services.database.db.execute(sql`update portable_exports set ready_at = null where id = ${file.id}`);
    const again = await download(api, operator, file.id);
    expect([again.status, again.json?.error, again.json?.missing]).toEqual([409, "EXPORT_NOT_READY", ["file"]]);
    expect(await downloadCount(file.id)).toBe(0);
  });

  it.each([
    ["CSV_EXPORT", "text/csv; charset=utf-8", "csv"],
    ["MARKDOWN_EXPORT", "text/markdown; charset=utf-8", "md"],
    ["JSON_EXPORT", "application/json", "json"],
  ])(
    "streams a %s file as %s with an attachment disposition and its sha256 as ETag, the same bytes each time, counting each download",
    async (format, contentType, extension) => {
      const { reportId, sources, file } = await freshExport(`r-dl-${extension}`, format);
      expect(await statuses(reportId)).toEqual([
        ["PORTABLE_READY", "OPEN"],
        ["PORTABLE_READY", "OPEN"],
      ]);
      expect(file.fileName.endsWith(`.${extension}`)).toBe(true);

      const first = await download(api, operator, file.id);
      const second = await download(api, operator, file.id);
      for (const got of [first, second]) {
        expect(got.status).toBe(200);
        expect(got.headers.get("content-type")).toBe(contentType);
        expect(got.headers.get("content-disposition")).toBe(`attachment; filename="${file.fileName}"`);
        expect(got.headers.get("etag")).toBe(`"${file.sha256}"`);
        expect(got.headers.get("content-length")).toBe(String(file.byteSize));
        expect(got.bytes.length).toBe(file.byteSize);
        expect(sha256(got.bytes)).toBe(file.sha256);
      }
      expect(second.bytes.equals(first.bytes)).toBe(true);

      const { portableExport } = await api.ok(viewer, EXPORT_BY_ID, { id: file.id });
      expect(portableExport.downloadCount).toBe(2);
      expect(portableExport.items.map((item: any) => [item.source.id, item.source.exportStatus, item.source.remediationStatus])).toEqual(
        sources.map((source) => [source.id, "PORTABLE_DOWNLOADED", "OPEN"]),
      );
      // The file states the status it was made with; the download moved each source once.
      expect(portableExport.items.map((item: any) => item.exportStatus)).toEqual(["PORTABLE_READY", "PORTABLE_READY"]);
      expect(
        await count(
          api,
          sql`select count(*) as n from export_status_events where report_id = ${reportId} and to_status = 'PORTABLE_DOWNLOADED'`,
        ),
      ).toBe(2);
      const { portableExports } = await api.ok(viewer, EXPORTS_OF_REPORT, { reportId });
      expect(portableExports).toEqual([{ id: file.id, downloadCount: 2 }]);
    },
  );

  it("answers a matching If-None-Match with 304 and no body, and counts only the full download", async () => {
    const { reportId, file } = await freshExport("r-dl-304");
    const etag = `"${file.sha256}"`;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"0000", ${etag}`, "*"]) {
      const got = await download(api, operator, file.id, { "if-none-match": ifNoneMatch });
      expect([ifNoneMatch, got.status, got.bytes.length, got.headers.get("etag")]).toEqual([ifNoneMatch, 304, 0, etag]);
    }
    expect(await downloadCount(file.id)).toBe(0);
    expect(await statuses(reportId)).toEqual([
      ["PORTABLE_READY", "OPEN"],
      ["PORTABLE_READY", "OPEN"],
    ]);

    const stale = await download(api, operator, file.id, { "if-none-match": '"0000"' });
    expect(stale.status).toBe(200);
    expect(sha256(stale.bytes)).toBe(file.sha256);
    expect(await downloadCount(file.id)).toBe(1);
  });

  it("answers HEAD with the headers and no body, without counting a download", async () => {
    const { reportId, file } = await freshExport("r-dl-head");
    const response = await fetch(`${api.url}/exports/${file.id}/download`, {
      method: "HEAD",
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBe(`"${file.sha256}"`);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${file.fileName}"`);
    expect((await response.arrayBuffer()).byteLength).toBe(0);
    expect(await downloadCount(file.id)).toBe(0);
    expect(await statuses(reportId)).toEqual([
      ["PORTABLE_READY", "OPEN"],
      ["PORTABLE_READY", "OPEN"],
    ]);
  });

  it("lets a viewer download, which counts like any download", async () => {
    const { reportId, file } = await freshExport("r-dl-viewer");
    const got = await download(api, viewer, file.id);
    expect(got.status).toBe(200);
    expect(sha256(got.bytes)).toBe(file.sha256);
    expect(await downloadCount(file.id)).toBe(1);
    expect(await statuses(reportId)).toEqual([
      ["PORTABLE_DOWNLOADED", "OPEN"],
      ["PORTABLE_DOWNLOADED", "OPEN"],
    ]);
  });

  it("keeps an export from another organization: portableExport is null, portableExports NOT_FOUND, download 404", async () => {
    const { reportId, sources, file } = await freshExport("r-dl-tenant");
    const { portableExport } = await api.ok(otherOrg, EXPORT_BY_ID, { id: file.id });
    expect(portableExport).toBeNull();
    const listed = await api.graphql(otherOrg, EXPORTS_OF_REPORT, { reportId });
    expect(listed.data).toBeNull();
    expect(listed.errors!.map((error) => error.extensions?.code)).toEqual(["NOT_FOUND"]);
    const got = await download(api, otherOrg, file.id);
    expect([got.status, got.json?.error]).toEqual([404, "NOT_FOUND"]);
    // Nor does the file show through the sources or keys it carries.
    const { exportSource, duplicateKey } = await api.ok(
      otherOrg,
      `query($id: ID!, $f: String!) { exportSource(id: $id) { id } duplicateKey(fingerprint: $f) { id } }`,
      { id: sources[0].id, f: sources[0].duplicateKey.fingerprint },
    );
    expect([exportSource, duplicateKey]).toEqual([null, null]);

    // Still the owner's, untouched.
    expect(await downloadCount(file.id)).toBe(0);
    const mine = await api.ok(viewer, EXPORT_BY_ID, { id: file.id });
    expect(mine.portableExport).toMatchObject({ id: file.id, downloadCount: 0 });
  });
});
