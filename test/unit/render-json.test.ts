import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import {
  createRenderer,
  IMPORT_BOUNDARY_LINE,
  JSON_EXPORT_SCHEMA_ID,
  jsonExportSchema,
  renderJsonExportSchema,
} from "../../src/domain/render/index.js";
import type { ExportItem } from "../../src/domain/export-item.js";
import { FINGERPRINT_LABEL, hostileItem, metaFor, plainItem, renderAll } from "./render-fixtures.js";

// ajv-formats is CommonJS; under NodeNext its default import is the module, whose `default` is the plugin.
const addFormats = addFormatsModule.default;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(jsonExportSchema);

const render = (items: ExportItem[]) =>
  renderAll(createRenderer("JSON_EXPORT", "v1"), metaFor("JSON_EXPORT", "v1", items.length), items);

const errorsOf = (document: unknown) => (validate(document) ? [] : validate.errors);

describe("the JSON export", () => {
  const items = [
    plainItem(),
    hostileItem(),
    plainItem({ sourceId: "task-7", sourceType: "FIX_TASK", description: null }),
  ];
  const document = JSON.parse(render(items));

  it.each([
    ["no items", []],
    ["one item", [plainItem()]],
    ["hostile items", items],
  ])("validates against its published schema with %s", (_, list) => {
    expect(errorsOf(JSON.parse(render(list as ExportItem[])))).toEqual([]);
  });

  it("opens with the schema version, the schema id, the export and the import boundary", () => {
    expect(document).toMatchObject({
      schemaVersion: "1.0",
      $schema: JSON_EXPORT_SCHEMA_ID,
      export: { id: "exp_01", organization: "acme", createdAt: "2024-07-01T12:00:00.000Z", itemCount: 3 },
      importBoundary: IMPORT_BOUNDARY_LINE,
    });
  });

  it("writes one element per source, keeping user text as data", () => {
    expect(document.items).toHaveLength(3);
    expect(document.items[1].title).toBe(hostileItem().title);
    expect(document.items[1].description).toBe(hostileItem().description);
    expect(document.items[2].description).toBeNull();
  });

  it("carries the fingerprint label among the labels", () => {
    expect(document.items[0].fingerprintLabel).toBe(FINGERPRINT_LABEL);
    expect(document.items[0].labels).toEqual(["security", "headers", FINGERPRINT_LABEL]);
  });

  it("keeps only http(s) evidence links", () => {
    expect(document.items[1].evidenceLinks).toEqual([
      { label: "<img src=x>", url: "https://evidence.example.com/a%20b%5D%7C%7Bc%7D?q=%221%22#frag" },
    ]);
  });

  it.each([
    ["the document", (doc: Record<string, any>) => Object.assign(doc, { extra: 1 })],
    ["the export", (doc: Record<string, any>) => Object.assign(doc.export, { extra: 1 })],
    ["an item", (doc: Record<string, any>) => Object.assign(doc.items[0], { extra: 1 })],
    ["an evidence link", (doc: Record<string, any>) => Object.assign(doc.items[0].evidenceLinks[0], { extra: 1 })],
    ["an item's report", (doc: Record<string, any>) => Object.assign(doc.items[0].report, { extra: 1 })],
  ])("fails validation when a property is added to %s", (_, drift) => {
    const drifted = JSON.parse(render([plainItem()]));
    drift(drifted);
    expect(errorsOf(drifted)).toContainEqual(expect.objectContaining({ keyword: "additionalProperties" }));
  });

  it("fails validation when an evidence link is not http(s)", () => {
    const drifted = JSON.parse(render([plainItem()]));
    drifted.items[0].evidenceLinks[0].url = "javascript:alert(1)";
    expect(errorsOf(drifted)).not.toEqual([]);
  });
});

describe("the published JSON Schema", () => {
  it("is the file schema/json-export.schema.json, as generated", () => {
    const published = readFileSync(new URL("../../schema/json-export.schema.json", import.meta.url), "utf8");
    expect(published).toBe(renderJsonExportSchema());
  });
});

describe("the Bitbucket issue-import document (db-2.0.json)", () => {
  const renderBitbucket = (items: ExportItem[]) =>
    renderAll(createRenderer("JSON_EXPORT", "bitbucket-issues"), metaFor("JSON_EXPORT", "bitbucket-issues", items.length), items);
  const items = [plainItem(), hostileItem(), plainItem({ sourceId: "task-7", sourceType: "FIX_TASK", createdAt: undefined })];
  const document = JSON.parse(renderBitbucket(items));

  it("is one JSON document with the objects Bitbucket's format specifies, even with no issue", () => {
    expect(Object.keys(JSON.parse(renderBitbucket([]))).sort()).toEqual(
      ["attachments", "comments", "components", "issues", "logs", "meta", "milestones", "versions"],
    );
    expect(document.meta).toEqual({
      default_assignee: null,
      default_component: null,
      default_kind: "bug",
      default_milestone: null,
      default_version: null,
    });
  });

  it("numbers the issues from 1 in file order, with a reporter nobody and the source's creation time", () => {
    expect(document.issues.map((issue: { id: number }) => issue.id)).toEqual([1, 2, 3]);
    expect(document.issues[0]).toMatchObject({ reporter: null, assignee: null, created_on: "2024-06-30T08:00:00.000Z" });
    expect(document.issues[2].created_on).toBeNull();
  });

  it("writes each issue on a line of its own, so the file streams", () => {
    expect(renderBitbucket(items).split("\n").filter((line) => line.startsWith('{"id":'))).toHaveLength(3);
  });
});
