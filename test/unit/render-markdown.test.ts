import { HtmlRenderer, Parser } from "commonmark";
import { describe, expect, it } from "vitest";
import { createRenderer, IMPORT_BOUNDARY_LINE } from "../../src/domain/render/index.js";
import { FINGERPRINT_LABEL, hostileItem, metaFor, plainItem, renderAll } from "./render-fixtures.js";

const items = [
  plainItem(),
  hostileItem(),
  plainItem({ sourceId: "task-7", sourceType: "FIX_TASK", description: null }),
];
const meta = metaFor("MARKDOWN_EXPORT", "gfm", items.length);
const markdown = renderAll(createRenderer("MARKDOWN_EXPORT", "gfm"), meta, items);
// The default renderer passes raw HTML through, so whatever is safe here is safe because of the Markdown itself.
const html = new HtmlRenderer().render(new Parser().parse(markdown));

describe("the Markdown export rendered by CommonMark", () => {
  it("contains no element but the ones the layout writes", () => {
    const tags = new Set(html.match(/<\/?[a-z][a-z0-9]*/gi)?.map((tag) => tag.replace("/", "").toLowerCase()));
    expect([...tags].sort()).toEqual(["<a", "<em", "<h1", "<h2", "<h3", "<hr", "<li", "<p", "<ul"]);
    expect(html).not.toMatch(/<script|<img|<!--/i);
  });

  it("links only to http(s) URLs", () => {
    const hrefs = html.match(/href="[^"]*"/g) ?? [];
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.filter((href) => !/^href="https?:\/\//.test(href))).toEqual([]);
    expect(html).not.toMatch(/href="[^"]*(javascript|data):/i);
  });

  it("drops evidence links that are not http(s) and strips credentials from the others", () => {
    expect(markdown).toContain("(https://evidence.example.com/a%20b%5D%7C%7Bc%7D?q=%221%22#frag)");
    expect(markdown).not.toContain("secret");
    expect(markdown).not.toContain("/internal/path");
  });

  it("starts no line with a quick action", () => {
    expect(markdown.split("\n").filter((line) => /^\s*\//.test(line))).toEqual([]);
    expect(markdown).toContain("\\/close");
  });

  it("breaks mentions and issue references while keeping the words", () => {
    for (const text of [markdown, html]) {
      expect(text).toContain("octocat");
      expect(text).not.toMatch(/(?<![\p{L}\p{N}_])@[\p{L}\p{N}_]/u);
      expect(text).not.toMatch(/#\d|!\d|GH-\d|~bug|~"needs|%"v1|\$7|&8/);
    }
  });

  it("shows hostile HTML as text", () => {
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("writes acceptance criteria as a GFM task list", () => {
    expect(markdown).toContain("\n- [ ] A CSP header is sent on every page\n- [ ] Inline scripts are blocked\n");
  });

  it("separates the preamble and each ticket with a thematic break", () => {
    const parts = markdown.split("\n---\n");
    expect(parts).toHaveLength(1 + items.length);
    expect(parts.slice(1).map((part) => part.trimStart().split("\n")[0])).toEqual([
      "## Missing Content-Security-Policy header",
      expect.stringMatching(/^## /),
      "## Missing Content-Security-Policy header",
    ]);
  });

  it("repeats the import-boundary line and the fingerprint label in every ticket body", () => {
    const [preamble, ...bodies] = markdown.split("\n---\n");
    expect(preamble).toContain(IMPORT_BOUNDARY_LINE);
    expect(bodies).toHaveLength(items.length);
    for (const body of bodies) {
      expect(body).toContain(IMPORT_BOUNDARY_LINE);
      expect(body).toContain(`- Fingerprint label: ${FINGERPRINT_LABEL}`);
      expect(body).toMatch(/- Labels: .*tex-fp-0123456789abcdef/);
    }
  });

  it("starts each ticket body with its duplicate guard line, under the title", () => {
    const [, ...bodies] = markdown.split("\n---\n");
    for (const body of bodies) expect(body.trim().split("\n\n")[1]).toBe(`Duplicate guard: ${FINGERPRINT_LABEL}`);
  });

  it("lists the provider-neutral fields of each ticket", () => {
    const [, first] = markdown.split("\n---\n");
    for (const field of [
      "- Source type: REPORT_ISSUE",
      "- Source ID: issue-42",
      "- Severity: HIGH",
      "- Priority: URGENT",
      "- Export status: PORTABLE_READY",
      `- Fingerprint: ${plainItem().fingerprint}`,
      "- Report: scan-2024-07: July scan",
      "- Affected URL: <https://shop.example.com/checkout>",
    ]) {
      expect(first).toContain(field);
    }
  });
});
