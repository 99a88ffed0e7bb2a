import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { HtmlRenderer, Parser, type Node } from "commonmark";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { positives } from "../fixtures/safety-corpus.js";
import { backends } from "../support/backends.js";
import { startFakeTracker } from "../support/fake-trackers/index.js";
import { TRACKER_FILES, type TrackerFile } from "../support/importers/index.js";
import { DIALECT_MARKUP, rendered } from "../support/importers/markup.js";
import { reportInput } from "../support/fixtures.js";
import { CREATE_EXPORT, EVALUATE, count, download, ingest, sha256, sourceStates } from "../support/portable.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { eventually } from "../support/ws-client.js";

// ajv-formats is CommonJS; under NodeNext its default import is the module, whose `default` is the plugin.
const addFormats = addFormatsModule.default;

/** docs/formats.md: every file carries this line word for word. */
const IMPORT_BOUNDARY = "Import boundary: the customer owns this import, and this file is not proof of remediation.";
/** What a spreadsheet reads as the start of a formula, full-width forms included (OWASP CSV injection). */
const FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"];
const WORD_JOINER = "\u2060";

const valueOf = (rule: string) => positives.flatMap((positive) => positive.expect).find((expectation) => expectation.rule === rule)!.value;
const GITHUB_TOKEN = valueOf("github-token");
const EMAIL = valueOf("email");

/** The time stamp of a file name, as docs and exportFileName write it: 20240701T120000Z. */
const stampOf = (createdAt: string) => new Date(createdAt).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");

/** Parses strictly: CRLF records only, every record as wide as the header, no relaxed quoting. */
const parseCsv = (text: string): string[][] => parse(text, { bom: true, record_delimiter: ["\r\n"] });

const CONNECT = /* GraphQL */ `
  mutation Connect($input: ConnectProviderTargetInput!) { connectProviderTarget(input: $input) { id state } }
`;

describe.each(backends)("portable export files on $name", (backend) => {
  let api: TestServer;
  let operator: string;
  let viewer: string;

  beforeAll(async () => {
    // Self-hosted with 127.0.0.1 allowed, so that a fake tracker on this machine can be a usable target.
    api = await startTestServer(backend, { DEPLOYMENT_MODE: "self-hosted", PROVIDER_ENDPOINT_ALLOWLIST: "127.0.0.1" });
    operator = await api.token("acme", "operator");
    viewer = await api.token("acme", "viewer");
  });
  afterAll(() => api?.close());

  const exportInput = (sourceIds: string[], overrides: Record<string, unknown> = {}) => ({
    sourceIds,
    format: "CSV_EXPORT",
    acknowledgeImportBoundary: true,
    ...overrides,
  });
  const create = (token: string, input: Record<string, unknown>) => api.graphql(token, CREATE_EXPORT, { input });
  const createOk = async (token: string, input: Record<string, unknown>) =>
    (await api.ok(token, CREATE_EXPORT, { input })).createPortableExport;

  /** Asserts that nothing of an export was written for the report: no file, no status change, no decision. */
  async function expectNothingWritten(token: string, reportId: string) {
    expect(await count(api, sql`select count(*) as n from portable_exports where report_id = ${reportId}`)).toBe(0);
    expect(await count(api, sql`select count(*) as n from export_status_events where report_id = ${reportId}`)).toBe(0);
    expect(
      await count(
        api,
        sql`select count(*) as n from fallback_decisions d join export_sources s on s.id = d.export_source_id where s.report_id = ${reportId}`,
      ),
    ).toBe(0);
    const states = await sourceStates(api, token, reportId);
    expect(states.map((source) => source.exportStatus)).toEqual(states.map(() => "NOT_EXPORTED"));
  }

  it("lists on each source and each duplicate key the files that carried it, newest first", async () => {
    const { reportId, sources } = await ingest(api, operator, reportInput("r-carried", 3));
    const first = await createOk(operator, exportInput([sources[0].id, sources[1].id]));
    const second = await createOk(operator, exportInput([sources[1].id, sources[2].id], { format: "JSON_EXPORT" }));
    const { exportSources } = await api.ok(
      viewer,
      `query($reportId: ID!) { exportSources(reportId: $reportId) { edges { node { sourceId
        portableExports { id format } duplicateKey { portableExports { id } } } } } }`,
      { reportId },
    );
    const carried = Object.fromEntries(
      exportSources.edges.map(({ node }: any) => [node.sourceId, [node.portableExports.map((file: any) => file.id), node.duplicateKey.portableExports.map((file: any) => file.id)]]),
    );
    expect(carried).toEqual({
      "src-0": [[first.id], [first.id]],
      "src-1": [[second.id, first.id], [second.id, first.id]],
      "src-2": [[second.id], [second.id]],
    });
  });

  describe("refusals", () => {
    it("refuses with PROVIDER_NATIVE_AVAILABLE while a connected tracker can take the sources, then exports once evaluateFallback records the customer's requirement for a file", async () => {
      const tracker = await startFakeTracker("GITHUB");
      try {
        const admin = await api.token("native-co", "admin");
        const { connectProviderTarget: target } = await api.ok(admin, CONNECT, {
          input: { ...tracker.connection, name: "Web repository" },
        });
        expect(target.state).toBe("ACTIVE");
        const { reportId, sources } = await ingest(api, admin, reportInput("r-native", 2));
        const sourceIds = sources.map((source) => source.id);

        const refused = await create(admin, exportInput(sourceIds));
        expect(refused.data).toBeNull();
        expect(refused.errors).toHaveLength(1);
        expect(refused.errors![0].extensions).toMatchObject({ code: "PROVIDER_NATIVE_AVAILABLE", sourceIds, targetId: target.id });
        expect(refused.errors![0].message).toContain("evaluateFallback(requirePortable: true, reason)");
        await expectNothingWritten(admin, reportId);

        const { evaluateFallback } = await api.ok(admin, EVALUATE, {
          sourceIds,
          requirePortable: true,
          reason: "The customer's change board imports tickets from a spreadsheet.",
        });
        expect(evaluateFallback).toEqual([
          { outcome: "PORTABLE_FALLBACK", reason: "PORTABLE_EXPORT_REQUIRED" },
          { outcome: "PORTABLE_FALLBACK", reason: "PORTABLE_EXPORT_REQUIRED" },
        ]);
        const file = await createOk(admin, exportInput(sourceIds));
        expect(file.items.map((item: any) => [item.source.id, item.exportStatus])).toEqual([
          [sourceIds[0], "PORTABLE_READY"],
          [sourceIds[1], "PORTABLE_READY"],
        ]);
        // The fallback is a file, never a native ticket behind the customer's back.
        expect(tracker.issues).toEqual([]);
        expect(tracker.requests.filter((request) => request.method !== "GET")).toEqual([]);
      } finally {
        await tracker.close();
      }
    });

    it("refuses with IMPORT_BOUNDARY_NOT_ACKNOWLEDGED and leaves the idempotency key unused", async () => {
      const { reportId, sources } = await ingest(api, operator, reportInput("r-boundary", 2));
      const input = exportInput(
        sources.map((source) => source.id),
        { acknowledgeImportBoundary: false, idempotencyKey: "boundary-key" },
      );
      const refused = await create(operator, input);
      expect(refused.data).toBeNull();
      expect(refused.errors!.map((error) => error.extensions?.code)).toEqual(["IMPORT_BOUNDARY_NOT_ACKNOWLEDGED"]);
      await expectNothingWritten(operator, reportId);

      const file = await createOk(operator, { ...input, acknowledgeImportBoundary: true });
      expect(file.rowCount).toBe(2);
    });

    it("refuses with UNSAFE_PREVIEW_BLOCKED naming each unsafe source and field without echoing the value, and exports redacted on request", async () => {
      const input = reportInput("r-unsafe", 2);
      input.sources[0].description = `A personal access token ${GITHUB_TOKEN} was committed to the public bundle.`;
      input.sources[0].labels = ["web", `owner ${EMAIL}`];
      const { reportId, sources } = await ingest(api, operator, input);
      const sourceIds = sources.map((source) => source.id);

      const refused = await create(operator, exportInput(sourceIds, { format: "CSV_EXPORT" }));
      expect(refused.data).toBeNull();
      expect(refused.errors).toHaveLength(1);
      const [error] = refused.errors!;
      expect(error.extensions).toEqual({
        code: "UNSAFE_PREVIEW_BLOCKED",
        findings: [
          { sourceId: sourceIds[0], field: "description", kind: "SECRET", rule: "github-token" },
          { sourceId: sourceIds[0], field: "labels[1]", kind: "PERSONAL_DATA", rule: "email" },
        ],
      });
      expect(error.message).toContain(`${sourceIds[0]} description (secret)`);
      expect(error.message).toContain(`${sourceIds[0]} labels[1] (personal_data)`);
      expect(JSON.stringify(refused)).not.toContain(GITHUB_TOKEN);
      expect(JSON.stringify(refused)).not.toContain(EMAIL);
      await expectNothingWritten(operator, reportId);

      const file = await createOk(operator, exportInput(sourceIds, { format: "CSV_EXPORT", redact: true }));
      expect(file.items.map((item: any) => item.exportStatus)).toEqual(["PORTABLE_READY", "PORTABLE_READY"]);
      const got = await download(api, operator, file.id);
      expect(got.status).toBe(200);
      expect(got.text).not.toContain(GITHUB_TOKEN);
      expect(got.text).not.toContain(EMAIL);
      const [header, first] = parseCsv(got.text);
      expect(first[header.indexOf("description")]).toBe(
        "A personal access token [redacted:secret] was committed to the public bundle.",
      );
      expect(first[header.indexOf("labels")].split("\n")).toEqual(["web", "owner [redacted:personal_data]", sources[0].duplicateKey.label]);
    });

    it("refuses a viewer, who may read and download but not export", async () => {
      const { reportId, sources } = await ingest(api, operator, reportInput("r-viewer-create", 1));
      const refused = await create(viewer, exportInput([sources[0].id]));
      expect(refused.errors!.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN"]);
      await expectNothingWritten(operator, reportId);
    });
  });

  describe("the snapshot", () => {
    it("records format, dialect, reason, items, file name, type, size, sha256 and row count, and moves the sources to PORTABLE_READY without touching remediation status", async () => {
      const { reportId, sources } = await ingest(api, operator, reportInput("r-snapshot", 3));
      expect(sources.map((source) => [source.exportStatus, source.remediationStatus])).toEqual([
        ["NOT_EXPORTED", "OPEN"],
        ["NOT_EXPORTED", "OPEN"],
        ["NOT_EXPORTED", "OPEN"],
      ]);
      // The file lists the sources in the order asked for.
      const ordered = [sources[2], sources[0], sources[1]];
      const file = await createOk(
        operator,
        exportInput(
          ordered.map((source) => source.id),
          { format: "CSV_EXPORT", intendedTracker: "JIRA" },
        ),
      );
      expect(file).toMatchObject({
        requestedFormat: "CSV_EXPORT",
        format: "CSV_EXPORT",
        dialect: "jira",
        intendedTracker: "JIRA",
        formatReason: "CSV was requested, in Jira's column layout so that Jira's CSV importer maps it without manual work.",
        contentType: "text/csv; charset=utf-8",
        rowCount: 3,
        downloadCount: 0,
        downloadUrl: `/exports/${file.id}/download`,
        report: { id: reportId, externalId: "r-snapshot" },
      });
      expect(Number.isNaN(Date.parse(file.createdAt))).toBe(false);
      expect(file.fileName).toBe(`r-snapshot-jira-${stampOf(file.createdAt)}.csv`);
      expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(file.items).toEqual(
        ordered.map((source) => ({
          exportStatus: "PORTABLE_READY",
          source: { id: source.id, sourceId: source.sourceId, sourceType: expect.any(String), exportStatus: "PORTABLE_READY", remediationStatus: "OPEN" },
          duplicateKey: { id: expect.any(String), fingerprint: source.duplicateKey.fingerprint, label: source.duplicateKey.label },
        })),
      );

      const got = await download(api, operator, file.id);
      expect(got.status).toBe(200);
      expect(got.bytes.length).toBe(file.byteSize);
      expect(sha256(got.bytes)).toBe(file.sha256);
      const [header, ...rows] = parseCsv(got.text);
      expect(rows.map((row) => row[header.indexOf("Summary")])).toEqual(["Finding 2", "Finding 0", "Finding 1"]);

      const after = await sourceStates(api, operator, reportId);
      expect(after.map((source) => [source.exportStatus, source.remediationStatus])).toEqual([
        ["PORTABLE_DOWNLOADED", "OPEN"],
        ["PORTABLE_DOWNLOADED", "OPEN"],
        ["PORTABLE_DOWNLOADED", "OPEN"],
      ]);
      const { exportStatusEvents } = await api.ok(
        viewer,
        `query($reportId: ID!) { exportStatusEvents(reportId: $reportId) { source { id } from to cause } }`,
        { reportId },
      );
      const eventsOf = (id: string) =>
        exportStatusEvents.filter((event: any) => event.source.id === id).map((event: any) => [event.from, event.to, event.cause]);
      for (const source of sources) {
        expect(eventsOf(source.id)).toEqual([
          ["NOT_EXPORTED", "PORTABLE_READY", `portable-export:${file.id}`],
          ["PORTABLE_READY", "PORTABLE_DOWNLOADED", `download:${file.id}`],
        ]);
      }
    });

    it.each([
      ["JIRA", 2, "CSV_EXPORT", "jira", "Jira imports CSV, so the file is a CSV in Jira's column layout, ready for its importer."],
      [
        "GITHUB",
        2,
        "MARKDOWN_EXPORT",
        "gfm",
        "GitHub has no file importer for issues, so the file holds one Markdown section per source to paste, each with its duplicate guard line.",
      ],
      ["OTHER", 2, "CSV_EXPORT", "generic", "Most trackers import CSV and map columns by name, so the file is a CSV with every field in its own column."],
      [null, 1, "MARKDOWN_EXPORT", "gfm", "No tracker was named and there is one source, so the file is one Markdown ticket body to paste."],
      [
        null,
        2,
        "CSV_EXPORT",
        "generic-excel",
        "No tracker was named, so the file is a CSV for spreadsheet review, with every field in its own column and a byte order mark so that Excel reads it as UTF-8.",
      ],
    ])("lets PORTABLE_EXPORT for tracker %s and %i sources pick %s (%s) and say why", async (tracker, size, format, dialect, reason) => {
      const { sources } = await ingest(api, operator, reportInput(`r-choice-${tracker ?? "none"}-${size}`, size));
      const file = await createOk(
        operator,
        exportInput(
          sources.map((source) => source.id),
          { format: "PORTABLE_EXPORT", intendedTracker: tracker },
        ),
      );
      expect(file).toMatchObject({ requestedFormat: "PORTABLE_EXPORT", format, dialect, formatReason: reason, intendedTracker: tracker });
    });
  });

  describe("idempotency keys", () => {
    it("returns the same export for a retry with the same key and input", async () => {
      const { reportId, sources } = await ingest(api, operator, reportInput("r-retry", 2));
      const input = exportInput(
        sources.map((source) => source.id),
        { idempotencyKey: "retry-1" },
      );
      const first = await createOk(operator, input);
      const second = await createOk(operator, input);
      expect(second.id).toBe(first.id);
      expect(second.sha256).toBe(first.sha256);
      expect(await count(api, sql`select count(*) as n from portable_exports where report_id = ${reportId}`)).toBe(1);
      expect(await count(api, sql`select count(*) as n from portable_export_items where portable_export_id = ${first.id}`)).toBe(2);
    });

    it("refuses the same key with other input with IDEMPOTENCY_KEY_REUSED", async () => {
      const { reportId, sources } = await ingest(api, operator, reportInput("r-reuse", 2));
      const sourceIds = sources.map((source) => source.id);
      const first = await createOk(operator, exportInput(sourceIds, { idempotencyKey: "reuse-1" }));
      for (const other of [
        exportInput(sourceIds, { idempotencyKey: "reuse-1", format: "JSON_EXPORT" }),
        exportInput([sourceIds[0]], { idempotencyKey: "reuse-1" }),
        exportInput(sourceIds, { idempotencyKey: "reuse-1", redact: true }),
      ]) {
        const refused = await create(operator, other);
        expect(refused.data).toBeNull();
        expect(refused.errors!.map((error) => error.extensions)).toEqual([
          { code: "IDEMPOTENCY_KEY_REUSED", portableExportId: first.id },
        ]);
      }
      expect(await count(api, sql`select count(*) as n from portable_exports where report_id = ${reportId}`)).toBe(1);
    });

    it("makes exactly one export from ten concurrent requests with one key", async () => {
      const { reportId, sources } = await ingest(api, operator, reportInput("r-concurrent", 4));
      const input = exportInput(
        sources.map((source) => source.id),
        { idempotencyKey: "concurrent-1", format: "MARKDOWN_EXPORT" },
      );
      const results = await Promise.all(Array.from({ length: 10 }, () => create(operator, input)));
      expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
      const ids = new Set(results.map((result) => result.data!.createPortableExport.id));
      expect(ids.size).toBe(1);
      const [id] = ids;
      expect(await count(api, sql`select count(*) as n from portable_exports where report_id = ${reportId}`)).toBe(1);
      expect(await count(api, sql`select count(*) as n from portable_export_items where portable_export_id = ${id}`)).toBe(4);
      // Each source moved once: one event per source.
      expect(await count(api, sql`select count(*) as n from export_status_events where report_id = ${reportId}`)).toBe(4);
    });
  });

  describe("idempotency keys across instances", () => {
    afterEach(() => vi.restoreAllMocks());

    it.skipIf(backend.name !== "postgres")(
      "takes the key over when the request holding it on another instance fails, making exactly one export",
      async () => {
        const other = await api.sibling();
        try {
          const { reportId, sources } = await ingest(api, operator, reportInput("r-takeover", 2));
          const input = exportInput(
            sources.map((source) => source.id),
            { idempotencyKey: "takeover-1" },
          );
          // The steps of creating an export on each instance, where the faults are injected.
          const holder = api.server.services.portableExports as any;
          const taker = other.server.services.portableExports as any;
          const keyRows = () => count(api, sql`select count(*) as n from portable_exports where idempotency_key = 'takeover-1'`);
          let releaseHolder!: () => void;
          const holderMayFail = new Promise<void>((resolve) => (releaseHolder = resolve));
          // The holder fails while writing its file (a fault injected: a full disk, a lost connection).
          vi.spyOn(holder.builder, "build").mockImplementationOnce(async () => {
            await holderMayFail;
            throw new Error("disk full");
          });
          // The taker plans before the holder takes the key and inserts after, so it meets the key held.
          const plan = taker.planner.plan.bind(taker.planner);
          let keyHeld!: () => void;
          const holderInserted = new Promise<void>((resolve) => (keyHeld = resolve));
          const plans = vi.spyOn(taker.planner, "plan").mockImplementationOnce(async (...args: unknown[]) => {
            await holderInserted;
            return plan(...args);
          });
          const waits = vi.spyOn(taker.idempotency, "earlier");

          const taking = other.graphql(operator, CREATE_EXPORT, { input });
          await eventually(() => waits.mock.calls.length === 1 && plans.mock.calls.length === 1, "the taker to plan");
          const holding = api.graphql(operator, CREATE_EXPORT, { input });
          await eventually(async () => (await keyRows()) === 1, "the holder to take the key");
          keyHeld();
          // Its insert met the key: it now waits for the holder's file.
          await eventually(() => waits.mock.calls.length === 2, "the taker to wait for the holder");
          releaseHolder();

          const [held, taken] = await Promise.all([holding, taking]);
          expect(held.errors?.map((error) => error.extensions?.code)).toEqual(["INTERNAL_SERVER_ERROR"]);
          expect(taken.errors).toBeUndefined();
          const made = taken.data!.createPortableExport;
          expect(await count(api, sql`select count(*) as n from portable_exports where report_id = ${reportId}`)).toBe(1);
          expect(await count(api, sql`select count(*) as n from portable_export_items where portable_export_id = ${made.id}`)).toBe(2);
          expect(await count(api, sql`select count(*) as n from export_status_events where report_id = ${reportId}`)).toBe(2);
          // The key now names the taker's export, for every retry on either instance.
          expect((await createOk(operator, input)).id).toBe(made.id);
        } finally {
          await other.close();
        }
      },
    );
  });

  describe("CSV dialects parsed back", () => {
    /** Titles as each kind of dialect writes them: generic keeps the raw value, trackers write one trimmed line. */
    const HOSTILE = [
      { sourceId: "csv-eq", title: '=HYPERLINK("https://evil.example","click, me")', labels: ["=label", "comma, label", 'quo"te'] },
      { sourceId: "csv-plus", title: "+1+cmd|' /C calc'!A0", labels: ["+label"] },
      { sourceId: "csv-minus", title: '-2+3 "dash", title', labels: ["-label"] },
      { sourceId: "csv-at", title: "@SUM(1+1) ünïcödé 🔥 日本語", labels: ["@label", "＝fullwidth"] },
      { sourceId: "csv-tab", title: "\t=1+2 tab", labels: ["\t=tab-label"] },
      { sourceId: "csv-cr", title: "\r+1+2 cr", labels: ["\r-cr-label"] },
      { sourceId: "csv-lines", title: 'Line one,\nline "two"', labels: ["plain"] },
    ];
    // Tracker dialects write one trimmed line and put an invisible word joiner (not a quote, which their importers
    // would keep) before a formula trigger; a would-be mention gets one after its "@" too.
    const trackerTitle: Record<string, string> = {
      "csv-eq": `${WORD_JOINER}${HOSTILE[0].title}`,
      "csv-plus": `${WORD_JOINER}${HOSTILE[1].title}`,
      "csv-minus": `${WORD_JOINER}${HOSTILE[2].title}`,
      "csv-at": `${WORD_JOINER}@${WORD_JOINER}SUM(1+1) ünïcödé 🔥 日本語`,
      "csv-tab": `${WORD_JOINER}=1+2 tab`,
      "csv-cr": `${WORD_JOINER}+1+2 cr`,
      "csv-lines": 'Line one, line "two"',
    };
    const DESCRIPTION = 'First line, with a comma and "quotes"\nsecond line 🔥 ünïcödé 日本語 مرحبا\n\n=SUM(A1:A2)';
    const GENERIC_HEADER = [
      "title", "description", "source_type", "source_id", "severity", "priority", "export_status", "labels", "fingerprint",
      "fingerprint_label", "affected_url", "evidence_links", "acceptance_criteria", "report_external_id", "report_title",
      "report_site_url", "import_boundary",
    ];

    let reportId: string;
    let sources: Awaited<ReturnType<typeof sourceStates>>;

    beforeAll(async () => {
      const input = reportInput("r-csv-hostile", HOSTILE.length, { title: 'Hostile, "quoted" scan' });
      HOSTILE.forEach((hostile, index) => {
        Object.assign(input.sources[index], {
          sourceId: hostile.sourceId,
          title: hostile.title,
          labels: hostile.labels,
          description: DESCRIPTION,
          acceptanceCriteria: ["=1+1 still sums", "line one\nline two, with a comma"],
        });
      });
      ({ reportId } = await ingest(api, operator, input));
      // Ingest trims every text, so a title or label can never start with TAB or CR through the API. The renderers
      // must still neutralise one (rows written before that rule, or by hand), so these two are set in the database.
      await api.server.services.database.db.execute(sql`
        update export_sources set title = ${HOSTILE[4].title}, labels = ARRAY[${HOSTILE[4].labels[0]}]::text[]
        where report_id = ${reportId} and source_id = 'csv-tab'`);
      await api.server.services.database.db.execute(sql`
        update export_sources set title = ${HOSTILE[5].title}, labels = ARRAY[${HOSTILE[5].labels[0]}]::text[]
        where report_id = ${reportId} and source_id = 'csv-cr'`);
      sources = await sourceStates(api, operator, reportId);
      expect(sources.map((source) => source.sourceId)).toEqual(HOSTILE.map((hostile) => hostile.sourceId));
    });

    /** Downloads the export of every source in `format` for `tracker`, checking the file's record and bytes. */
    async function exportFile(format: string, tracker: string | null, dialect: string) {
      const file = await createOk(operator, exportInput(sources.map((source) => source.id), { format, intendedTracker: tracker }));
      expect(file).toMatchObject({ dialect, rowCount: HOSTILE.length });
      const got = await download(api, operator, file.id);
      expect(got.status).toBe(200);
      expect(got.headers.get("content-type")).toBe(file.contentType);
      expect(sha256(got.bytes)).toBe(file.sha256);
      return { file, text: got.text, bytes: got.bytes };
    }

    it.each([
      { format: "CSV_EXPORT", tracker: null, dialect: "generic" },
      { format: "PORTABLE_EXPORT", tracker: null, dialect: "generic-excel" },
    ])("writes the $dialect dialect so that csv-parse reads back every value raw but neutralised", async ({ format, tracker, dialect }) => {
      const { text, bytes } = await exportFile(format, tracker, dialect);
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(dialect === "generic-excel");
      expect(text.endsWith("\r\n")).toBe(true);
      const [header, ...rows] = parseCsv(text);
      expect(header).toEqual(GENERIC_HEADER);
      for (const row of rows) expect(row).toHaveLength(header.length);
      expect([header, ...rows].flat().filter((cell) => FORMULA_STARTS.some((start) => cell.startsWith(start)))).toEqual([]);
      const column = (name: string) => rows.map((row) => row[header.indexOf(name)]);
      expect(column("title")).toEqual(HOSTILE.map((hostile) => (/^[=+\-@\t\r]/.test(hostile.title) ? `'${hostile.title}` : hostile.title)));
      rows.forEach((row, index) => {
        expect(row[header.indexOf("import_boundary")]).toBe(IMPORT_BOUNDARY);
        expect(row[header.indexOf("description")]).toBe(DESCRIPTION);
        expect(row[header.indexOf("acceptance_criteria")]).toBe("'=1+1 still sums\nline one\nline two, with a comma");
        expect(row[header.indexOf("source_id")]).toBe(sources[index].sourceId);
        expect(row[header.indexOf("fingerprint")]).toBe(sources[index].duplicateKey.fingerprint);
        expect(row[header.indexOf("report_title")]).toBe('Hostile, "quoted" scan');
      });
      const labelCells = column("labels");
      expect(labelCells[0]).toBe(`'=label\ncomma, label\nquo"te\n${sources[0].duplicateKey.label}`);
      expect(labelCells[4]).toBe(`'\t=tab-label\n${sources[4].duplicateKey.label}`);
      expect(labelCells[5]).toBe(`'\r-cr-label\n${sources[5].duplicateKey.label}`);
    });

    it.each(
      (Object.entries(TRACKER_FILES) as [string, TrackerFile][])
        .filter(([, file]) => file.format === "CSV_EXPORT")
        .map(([tracker, file]) => ({ tracker, ...file })),
    )("writes the $dialect file that $tracker's importer takes: every row, titles unquoted, the fingerprint where it keeps it", async ({ tracker, dialect, read, fingerprint }) => {
      const { file, text } = await exportFile("PORTABLE_EXPORT", tracker, dialect);
      expect(file).toMatchObject({ format: "CSV_EXPORT", contentType: "text/csv; charset=utf-8" });
      expect(text.startsWith("\uFEFF")).toBe(false);
      expect(text.endsWith("\r\n")).toBe(true);
      // No cell of the file can start a formula.
      expect(parseCsv(text).flat().filter((cell) => FORMULA_STARTS.some((start) => cell.startsWith(start)))).toEqual([]);

      const tickets = read(text);
      expect(tickets.map((ticket) => ticket.title)).toEqual(HOSTILE.map((hostile) => trackerTitle[hostile.sourceId]));
      tickets.forEach((ticket, index) => {
        const { label, fingerprint: full } = sources[index].duplicateKey;
        if (fingerprint === "label") expect(ticket.labels[0]).toBe(label);
        const shown = rendered(DIALECT_MARKUP[dialect], ticket.description).shown;
        expect(shown.trimStart().startsWith(`Duplicate guard: ${label}\n`)).toBe(true);
        expect(shown).toContain(`Fingerprint: ${full}`);
        expect(shown).toContain(IMPORT_BOUNDARY);
        expect(shown).toContain("ünïcödé 日本語 مرحبا");
        expect(shown).toContain("🔥");
      });
    });

    it("writes Bitbucket's issue-import document when JSON is asked for Bitbucket: every source an issue its importer takes", async () => {
      const { file, text } = await exportFile("JSON_EXPORT", "BITBUCKET", "bitbucket-issues");
      expect(file).toMatchObject({ format: "JSON_EXPORT", contentType: "application/json" });
      expect(file.fileName).toBe(`r-csv-hostile-bitbucket-issues-${stampOf(file.createdAt)}.json`);
      const issues = TRACKER_FILES.BITBUCKET.read(text);
      const types = reportInput("r-csv-hostile", HOSTILE.length).sources.map((source) => source.sourceType);
      expect(issues.map((issue) => issue.title)).toEqual(HOSTILE.map((hostile) => hostile.title.replace(/\s*\n\s*/g, " ").trim().replace(/^@/, `@${WORD_JOINER}`)));
      issues.forEach((issue, index) => {
        expect(issue.description).toContain(`Duplicate guard: ${sources[index].duplicateKey.label}`);
        expect(issue.fields).toMatchObject({ kind: types[index] === "REPORT_ISSUE" ? "bug" : "task", status: "new" });
        expect(Number.isNaN(Date.parse(issue.fields.created_on))).toBe(false);
      });
    });
  });

  describe("the Markdown file rendered by CommonMark", () => {
    const HOSTILE_TEXT = [
      '<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(2)">x</a> <!-- c -->',
      "[click](javascript:alert(3)) ![pixel](https://evil.example/p.png) <javascript:alert(4)>",
      "[ref]: javascript:alert(5)",
      "/close",
      "  /assign @someone",
      "ping @octocat and @org/team, see #123, owner/repo#5, GH-12, !34",
    ].join("\n");

    it("holds no raw HTML, image or non-http(s) link, runs no quick action and mentions nobody", async () => {
      const input = reportInput("r-md-hostile", 2, { title: "<b>Scan</b> @octocat #9" });
      Object.assign(input.sources[0], {
        title: "<script>alert(1)</script> @octocat #123",
        description: `${HOSTILE_TEXT}\n\n/close\n\n${HOSTILE_TEXT}`,
        labels: ["@here", "#1", "<i>x</i>"],
        acceptanceCriteria: ["/close", "@octocat approves #12", '<a href="javascript:alert(6)">done</a>'],
        evidenceLinks: [
          { label: "[x](javascript:alert(7))", url: "javascript:alert(8)" },
          { label: "data", url: "data:text/html,<script>alert(9)</script>" },
          { label: "Proof <img src=x>", url: "https://evidence.example.com/proof.png" },
        ],
      });
      const { sources } = await ingest(api, operator, input);
      const file = await createOk(operator, exportInput(sources.map((source) => source.id), { format: "MARKDOWN_EXPORT" }));
      expect(file).toMatchObject({ format: "MARKDOWN_EXPORT", dialect: "gfm", contentType: "text/markdown; charset=utf-8" });
      const got = await download(api, operator, file.id);
      expect(got.status).toBe(200);
      expect(got.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
      expect(sha256(got.bytes)).toBe(file.sha256);
      const markdown = got.text;

      const document = new Parser().parse(markdown);
      const types = new Set<string>();
      const destinations: string[] = [];
      const texts: string[] = [];
      const walker = document.walker();
      for (let step = walker.next(); step; step = walker.next()) {
        if (!step.entering) continue;
        const node: Node = step.node;
        types.add(node.type);
        if (node.type === "link" || node.type === "image") destinations.push(node.destination ?? "");
        if (node.type === "text") texts.push(node.literal ?? "");
      }
      expect(types.has("html_block")).toBe(false);
      expect(types.has("html_inline")).toBe(false);
      expect(types.has("image")).toBe(false);
      expect(destinations.filter((destination) => !/^https?:\/\/[^/]/.test(destination))).toEqual([]);
      expect(destinations).toContain("https://evidence.example.com/proof.png");

      // The default renderer passes raw HTML through: whatever is safe here is safe because of the Markdown itself.
      const html = new HtmlRenderer().render(document);
      expect(html).not.toMatch(/<script|<img|<!--|<b>|<i>/i);
      expect(html).not.toMatch(/href="(?!https?:\/\/)/i);
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");

      // No line a tracker runs as a quick action; mentions and references keep their words but link nothing.
      expect(markdown.split("\n").filter((line) => /^\s*\//.test(line))).toEqual([]);
      const shown = texts.join("\n");
      expect(shown).toContain(`@${WORD_JOINER}octocat`);
      expect(shown).toContain(`#${WORD_JOINER}123`);
      expect(shown).not.toMatch(/(?<![\p{L}\p{N}_])@[\p{L}\p{N}_]/u);
      expect(shown).not.toMatch(/#\d|!\d|GH-\d/);

      // A preamble, then one ticket body per source, each carrying the boundary line and its fingerprint label.
      const [preamble, ...bodies] = markdown.split("\n---\n");
      expect(preamble).toContain(`_${IMPORT_BOUNDARY}_`);
      expect(bodies).toHaveLength(2);
      bodies.forEach((body, index) => {
        expect(body).toContain(`_${IMPORT_BOUNDARY}_`);
        expect(body).toContain(sources[index].duplicateKey.label);
        expect(body).toContain(sources[index].duplicateKey.fingerprint);
      });
      expect(bodies[0]).toContain("- [ ] \\/close\n");
    });
  });

  describe("the JSON file", () => {
    it("validates against the published schema and carries every source with its fingerprint", async () => {
      const schema = JSON.parse(readFileSync(new URL("../../schema/json-export.schema.json", import.meta.url), "utf8"));
      const ajv = new Ajv2020({ allErrors: true, strict: true });
      addFormats(ajv);
      const validate = ajv.compile(schema);

      const input = reportInput("r-json", 3);
      input.sources[1].description = 'Quotes " and backslash \\ and </script> and \u2028 line separator, ünïcödé 🔥';
      input.sources[2].evidenceLinks = [
        { label: "js", url: "javascript:alert(1)" },
        { label: "Kept", url: "https://evidence.example.com/kept" },
      ];
      const { sources } = await ingest(api, operator, input);
      const file = await createOk(operator, exportInput(sources.map((source) => source.id), { format: "JSON_EXPORT" }));
      expect(file).toMatchObject({
        format: "JSON_EXPORT",
        requestedFormat: "JSON_EXPORT",
        dialect: "v1",
        contentType: "application/json",
        formatReason: "JSON was requested: a versioned document described by the published JSON Schema, for import scripts.",
      });
      const got = await download(api, operator, file.id);
      expect(got.status).toBe(200);
      expect(got.headers.get("content-type")).toBe("application/json");
      expect(sha256(got.bytes)).toBe(file.sha256);
      const document = JSON.parse(got.text);
      expect(validate(document) ? [] : validate.errors).toEqual([]);
      expect(document).toMatchObject({
        schemaVersion: "1.0",
        importBoundary: IMPORT_BOUNDARY,
        export: {
          id: file.id,
          organization: "acme",
          createdAt: new Date(file.createdAt).toISOString(),
          format: "JSON_EXPORT",
          dialect: "v1",
          formatReason: file.formatReason,
          itemCount: 3,
          report: { externalId: "r-json", title: "Scan r-json", siteUrl: "https://shop.example.com" },
        },
      });
      expect(document.items.map((item: any) => [item.sourceId, item.exportStatus, item.fingerprint, item.fingerprintLabel])).toEqual(
        sources.map((source) => [source.sourceId, "PORTABLE_READY", source.duplicateKey.fingerprint, source.duplicateKey.label]),
      );
      expect(document.items[1].description).toBe(input.sources[1].description);
      expect(document.items[0].labels).toEqual(["web", "group-0", sources[0].duplicateKey.label]);
      expect(document.items[2].evidenceLinks).toEqual([{ label: "Kept", url: "https://evidence.example.com/kept" }]);
    });
  });
});
