import { describe, expect, it } from "vitest";
import { createRenderer, FILE_FORMAT_DIALECTS } from "../../src/domain/render/index.js";
import type { FileFormat } from "../../src/domain/vocabulary.js";
import { hostileItem, metaFor, plainItem, renderAll } from "./render-fixtures.js";

const everyDialect = (Object.entries(FILE_FORMAT_DIALECTS) as [FileFormat, readonly string[]][]).flatMap(
  ([format, dialects]) => dialects.map((dialect) => [format, dialect] as const),
);

describe("createRenderer", () => {
  it("knows the nine CSV dialects, gfm Markdown, v1 JSON and Bitbucket's issue-import JSON", () => {
    expect(FILE_FORMAT_DIALECTS).toEqual({
      CSV_EXPORT: [
        "generic",
        "generic-excel",
        "jira",
        "gitlab",
        "azure-devops",
        "linear",
        "asana",
        "clickup",
        "youtrack",
      ],
      MARKDOWN_EXPORT: ["gfm"],
      JSON_EXPORT: ["v1", "bitbucket-issues"],
    });
  });

  it.each([
    ["CSV_EXPORT", "github"],
    ["CSV_EXPORT", "gfm"],
    ["MARKDOWN_EXPORT", "generic"],
    ["JSON_EXPORT", "v2"],
  ] as const)("refuses %s in the unknown dialect %s", (format, dialect) => {
    expect(() => createRenderer(format, dialect)).toThrow(`Unknown dialect "${dialect}" for ${format}`);
  });

  it.each([
    ["CSV_EXPORT", "jira", "text/csv; charset=utf-8", "csv"],
    ["MARKDOWN_EXPORT", "gfm", "text/markdown; charset=utf-8", "md"],
    ["JSON_EXPORT", "v1", "application/json", "json"],
    ["JSON_EXPORT", "bitbucket-issues", "application/json", "json"],
  ] as const)("gives %s a content type and file extension", (format, dialect, contentType, fileExtension) => {
    expect(createRenderer(format, dialect)).toMatchObject({ contentType, fileExtension });
  });
});

describe.each(everyDialect)("the %s renderer in the %s dialect", (format, dialect) => {
  const items = [plainItem(), hostileItem(), plainItem({ sourceId: "task-7", sourceType: "FIX_TASK" })];
  const render = () => renderAll(createRenderer(format, dialect), metaFor(format, dialect, items.length), items);

  it("gives the same bytes for the same input", () => {
    expect(Buffer.from(render())).toEqual(Buffer.from(render()));
  });

  it("writes each item on its own, without depending on what came before", () => {
    const renderer = createRenderer(format, dialect);
    const alone = renderer.item(items[1], 1);
    renderer.item(items[0], 0);
    expect(renderer.item(items[1], 1)).toBe(alone);
  });
});
