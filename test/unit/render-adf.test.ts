import { createRequire } from "node:module";
import AjvModule from "ajv-draft-04";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ExportItem } from "../../src/domain/export-item.js";
import { LIST_LIMITS, TEXT_LIMITS } from "../../src/domain/input-rules.js";
import { linkableUrl } from "../../src/domain/render/linkable-url.js";
import { adfOf, type AdfDoc } from "../../src/domain/render/markup/adf.js";
import { ticketContent, trackerText } from "../../src/domain/render/ticket-content.js";
import { bodyLayout, type Block } from "../../src/domain/render/ticket-layout.js";
import { nativeTicket } from "../../src/domain/ticket-draft.js";
import { FINGERPRINT_LABEL, hostileItem, plainItem } from "./render-fixtures.js";

// Atlassian's published JSON Schema of ADF (draft-04), as the @atlaskit/adf-schema package ships it. ajv-draft-04 is
// CommonJS; under NodeNext its default import is the module, whose `default` is the class.
const schema: object = createRequire(import.meta.url)("@atlaskit/adf-schema/json-schema/v1/full.json");
const validate = new AjvModule.default({ allErrors: true }).compile(schema);
const schemaErrors = (document: unknown) => (validate(document) ? [] : validate.errors);

interface Node {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: { href?: string } }[];
  content?: Node[];
}

const nodesOf = (node: Node): Node[] => [node, ...(node.content ?? []).flatMap(nodesOf)];
const textsOf = (doc: AdfDoc) => nodesOf(doc).filter((node) => node.type === "text");
const linkTargets = (node: Node) => (node.marks ?? []).flatMap((mark) => (mark.type === "link" ? [mark.attrs?.href] : []));
/** The link targets, each once (a label with line breaks is several text nodes with the same link). */
const hrefsOf = (doc: AdfDoc) => new Set(textsOf(doc).flatMap(linkTargets));

/** The links the block model allows for `item`: its report site, affected URL and evidence, where linkable. */
function allowedHrefs(item: ExportItem): Set<string> {
  const urls = [item.report.siteUrl, item.affectedUrl, ...item.evidenceLinks.map((link) => link.url)];
  return new Set(urls.map(linkableUrl).filter((href) => href !== null));
}

const LINE_STARTS = new Set(["paragraph", "heading", "taskItem", "hardBreak"]);
/** The document's text as Jira shows it: each paragraph, heading, action item and line break starts a line. */
const shownText = (doc: AdfDoc): string =>
  nodesOf(doc)
    .map((node) => node.text ?? (LINE_STARTS.has(node.type) ? "\n" : ""))
    .join("");

const descriptionOf = (item: ExportItem) => adfOf(nativeTicket(item).description);

/** Control characters but tab and line feed. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const C0_AND_C1 = `${Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).join("")}\u007f\u0085\u009f`;
const controlItem = () =>
  hostileItem({
    sourceId: `id${C0_AND_C1}`,
    title: `title ${C0_AND_C1}`,
    description: `before ${C0_AND_C1} after\n\n${C0_AND_C1}`,
    labels: [`label${C0_AND_C1}`],
    acceptanceCriteria: [C0_AND_C1, `criterion ${C0_AND_C1}`],
    evidenceLinks: [{ label: `label ${C0_AND_C1}`, url: `https://evidence.example.com/${C0_AND_C1}` }],
    report: { externalId: `ext${C0_AND_C1}`, title: `report ${C0_AND_C1}`, siteUrl: "https://shop.example.com" },
  });
const longItem = () =>
  hostileItem({
    title: "T".repeat(TEXT_LIMITS.title),
    description: `${"long line ".repeat(TEXT_LIMITS.description / 20)}\n\n${"x".repeat(TEXT_LIMITS.description / 2 - 2)}`,
    acceptanceCriteria: Array.from({ length: LIST_LIMITS.acceptanceCriteria }, (_, index) => `${index} `.padEnd(TEXT_LIMITS.criterion, "c")),
    labels: Array.from({ length: LIST_LIMITS.labels }, (_, index) => `label-${index}`.padEnd(TEXT_LIMITS.label, "l")),
    evidenceLinks: Array.from({ length: LIST_LIMITS.evidenceLinks }, (_, index) => ({
      label: `evidence ${index}`,
      url: `https://evidence.example.com/${index}/${"p".repeat(TEXT_LIMITS.url - 40)}`,
    })),
  });
const emptyListsItem = () =>
  plainItem({
    description: null,
    labels: [],
    acceptanceCriteria: [" ", ""],
    evidenceLinks: [{ label: "", url: "ftp://files.example.com/x" }],
  });

const ITEMS: [string, () => ExportItem][] = [
  ["an ordinary source", () => plainItem()],
  ["markup, mentions, quick actions and links in every field", hostileItem],
  ["control characters in every field", controlItem],
  ["every field at its longest", longItem],
  ["no description, labels, criteria or usable evidence", emptyListsItem],
];

describe("adfOf", () => {
  it("writes each kind of block as its ADF node", () => {
    const site = "https://a.example/";
    const blocks: Block[] = [
      { kind: "heading", depth: 3, text: "Evidence" },
      { kind: "paragraph", text: "one\ntwo" },
      {
        kind: "fields",
        fields: [
          { name: "Severity", value: "HIGH", href: null },
          { name: "Site", value: site, href: site },
        ],
      },
      { kind: "links", links: [{ label: "Headers", href: "https://e.example/1" }] },
      { kind: "checklist", items: ["first", "second"] },
      { kind: "note", text: "owned by the customer" },
    ];
    const text = (value: string, ...marks: object[]) =>
      marks.length === 0 ? { type: "text", text: value } : { type: "text", text: value, marks };
    const link = (href: string) => ({ type: "link", attrs: { href } });
    const strong = { type: "strong" };
    const item = (...content: object[]) => ({ type: "listItem", content: [{ type: "paragraph", content }] });
    const task = (localId: string, value: string) => ({
      type: "taskItem",
      attrs: { localId, state: "TODO" },
      content: [text(value)],
    });
    expect(adfOf(blocks)).toEqual({
      type: "doc",
      version: 1,
      content: [
        { type: "heading", attrs: { level: 3 }, content: [text("Evidence")] },
        { type: "paragraph", content: [text("one"), { type: "hardBreak" }, text("two")] },
        {
          type: "bulletList",
          content: [
            item(text("Severity:", strong), text(" "), text("HIGH")),
            item(text("Site:", strong), text(" "), text(site, link(site))),
          ],
        },
        { type: "bulletList", content: [item(text("Headers", link("https://e.example/1")))] },
        {
          type: "taskList",
          attrs: { localId: "checklist-5" },
          content: [task("checklist-5-1", "first"), task("checklist-5-2", "second")],
        },
        { type: "paragraph", content: [text("owned by the customer", { type: "em" })] },
      ],
    });
  });

  it("makes an empty document from no blocks, and leaves out lists with no items", () => {
    const empty: Block[] = [
      { kind: "fields", fields: [] },
      { kind: "links", links: [] },
      { kind: "checklist", items: [] },
    ];
    expect(adfOf([])).toEqual({ type: "doc", version: 1, content: [] });
    expect(adfOf(empty)).toEqual({ type: "doc", version: 1, content: [] });
  });

  it("never makes an empty text node, whatever the line breaks", () => {
    const doc = adfOf([
      { kind: "heading", depth: 2, text: "" },
      { kind: "paragraph", text: "\n\nx\n" },
      { kind: "fields", fields: [{ name: "Labels", value: "", href: null }] },
      { kind: "checklist", items: ["", "\n"] },
    ]);
    expect(textsOf(doc).map((node) => node.text)).toEqual(["x", "Labels:", " "]);
    expect(schemaErrors(doc)).toEqual([]);
  });

  it("shows control characters as U+FFFD, keeping tabs and line breaks", () => {
    const doc = adfOf([{ kind: "paragraph", text: `a\u0000b\tc\u001bd\u007fe\u009ff\ng` }]);
    expect(doc.content[0]).toEqual({
      type: "paragraph",
      content: [
        { type: "text", text: "a\uFFFDb\tc\uFFFDd\uFFFDe\uFFFDf" },
        { type: "hardBreak" },
        { type: "text", text: "g" },
      ],
    });
  });

  it("links nothing in text that looks like a link", () => {
    const text = "see https://evil.example/a, <https://evil.example/b> and [x](https://evil.example/c)";
    const doc = adfOf([{ kind: "paragraph", text }]);
    expect(hrefsOf(doc).size).toBe(0);
  });
});

describe("the Jira description of a source", () => {
  it("is refused by the schema when it breaks ADF's rules, so the checks below can fail", () => {
    const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
    expect(schemaErrors({ type: "doc", version: 1, content: [paragraph("ok")] })).toEqual([]);
    expect(schemaErrors({ type: "doc", version: 1, content: [paragraph("")] })).not.toEqual([]);
    expect(schemaErrors({ type: "doc", version: 1, content: [{ type: "bulletList", content: [] }] })).not.toEqual([]);
    expect(schemaErrors({ type: "doc", version: 1, content: [{ type: "taskList", content: [] }] })).not.toEqual([]);
    expect(schemaErrors({ type: "doc", version: 2, content: [] })).not.toEqual([]);
  });

  describe.each(ITEMS)("of %s", (_, make) => {
    const item = make();
    const doc = descriptionOf(item);

    it("is valid against Atlassian's ADF schema, as is the body layout with its title", () => {
      expect(schemaErrors(doc)).toEqual([]);
      expect(schemaErrors(adfOf(bodyLayout(ticketContent(item))))).toEqual([]);
    });

    it("links only the report site, the affected URL and the evidence the block model made linkable, all http(s)", () => {
      expect(hrefsOf(doc)).toEqual(allowedHrefs(item));
      for (const href of hrefsOf(doc)) expect(href).toMatch(/^https?:\/\/[^/\s]/);
    });

    it("carries the source id, the fingerprint and its label, with no control character", () => {
      const shown = shownText(doc);
      expect(shown).toContain(`Source ID: ${trackerText(item.sourceId).replace(CONTROL, "\uFFFD")}\n`);
      expect(shown).toContain(`Fingerprint: ${item.fingerprint}\n`);
      expect(shown).toContain(`Fingerprint label: ${FINGERPRINT_LABEL}\n`);
      expect(shown).not.toMatch(CONTROL);
    });

    it("holds only text, line breaks, paragraphs, headings, lists and action items, marked bold, italic or as links", () => {
      const nodeTypes = new Set(nodesOf(doc).map((node) => node.type));
      const markTypes = new Set(textsOf(doc).flatMap((node) => (node.marks ?? []).map((mark) => mark.type)));
      const allowed = ["doc", "paragraph", "heading", "bulletList", "listItem", "taskList", "taskItem", "text", "hardBreak"];
      expect([...nodeTypes].filter((type) => !allowed.includes(type))).toEqual([]);
      expect([...markTypes].filter((type) => !["strong", "em", "link"].includes(type))).toEqual([]);
    });
  });

  it("shows hostile HTML and markup as the text it is", () => {
    const shown = shownText(descriptionOf(hostileItem()));
    expect(shown).toContain('<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(2)">x</a>');
    expect(shown).toContain("[click](javascript:alert(3)) ![pixel](https://evil.example/p.png)");
    expect(shown).toContain("{code}x{code}");
    expect(shown).toContain("[link|https://evil.example] !https://evil.example/i.png!");
  });

  it("shows the source id and description exactly as written, Markdown punctuation included", () => {
    const shown = shownText(descriptionOf(plainItem({ sourceId: "scan:42/xss_[q]*", description: "q_param=*1* \\_ `x`" })));
    expect(shown).toContain("Source ID: scan:42/xss_[q]*\n");
    expect(shown).toContain("q_param=*1* \\_ `x`\n");
  });

  it("stays valid and links only what the block model allows, for any text in any field", () => {
    const awkward = fc.constantFrom(..."\n\r\t\u0000\u001b\u0085[]()<>*_:/ h");
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 60 }),
      fc.string({ unit: awkward, maxLength: 40 }),
      fc.constantFrom("https://evil.example/x", "javascript:alert(1)", "http://user:pw@a.example/a b", "//evil.example", ""),
    );
    const item = fc.record({
      sourceId: text,
      title: text,
      description: fc.option(text),
      affectedUrl: text,
      labels: fc.array(text, { maxLength: 3 }),
      acceptanceCriteria: fc.array(text, { maxLength: 3 }),
      evidenceLinks: fc.array(fc.record({ label: text, url: text }), { maxLength: 3 }),
      siteUrl: text,
    });
    fc.assert(
      fc.property(item, ({ siteUrl, ...fields }) => {
        const source = plainItem({ ...fields, report: { externalId: "r", title: "t", siteUrl } });
        const doc = descriptionOf(source);
        expect(schemaErrors(doc)).toEqual([]);
        expect(hrefsOf(doc)).toEqual(allowedHrefs(source));
      }),
      { numRuns: 300 },
    );
  });
});
