import { describe, expect, it } from "vitest";
import { markdownToAdf, type AdfNode } from "../../src/providers/jira-adf.js";

const text = (value: string): AdfNode => ({ type: "text", text: value });
const paragraph = (...content: AdfNode[]): AdfNode => ({ type: "paragraph", content });

/** Every text node of the document, to check none is empty (Jira refuses those). */
function texts(node: AdfNode): AdfNode[] {
  return [...(node.type === "text" ? [node] : []), ...(node.content ?? []).flatMap(texts)];
}

describe("markdownToAdf", () => {
  it("makes a version 1 document", () => {
    expect(markdownToAdf("hello")).toEqual({ type: "doc", version: 1, content: [paragraph(text("hello"))] });
  });

  it("splits paragraphs on blank lines and keeps line breaks inside one", () => {
    expect(markdownToAdf("one\ntwo\n\nthree").content).toEqual([
      paragraph(text("one"), { type: "hardBreak" }, text("two")),
      paragraph(text("three")),
    ]);
  });

  it("turns # lines into headings of their level", () => {
    expect(markdownToAdf("## Evidence").content).toEqual([{ type: "heading", attrs: { level: 2 }, content: [text("Evidence")] }]);
  });

  it("groups bullet and numbered lines into lists, checklist boxes kept as text", () => {
    expect(markdownToAdf("- [ ] first\n- [ ] second\n1. one").content).toEqual([
      {
        type: "bulletList",
        content: [
          { type: "listItem", content: [paragraph(text("[ ] first"))] },
          { type: "listItem", content: [paragraph(text("[ ] second"))] },
        ],
      },
      { type: "orderedList", content: [{ type: "listItem", content: [paragraph(text("one"))] }] },
    ]);
  });

  it("ends a list at a blank line, as CommonMark does", () => {
    expect(markdownToAdf("- item\n\nafter").content.map((node) => node.type)).toEqual(["bulletList", "paragraph"]);
  });

  it("shows escaped punctuation, autolinks and emphasis as written, not as Markdown source", () => {
    expect(markdownToAdf("Source ID: scan:42/xss\\_\\[q]\\*\n\n<https://a.example/x>\n\n_owned by the customer_").content).toEqual([
      paragraph(text("Source ID: scan:42/xss_[q]*")),
      paragraph({ type: "text", text: "https://a.example/x", marks: [{ type: "link", attrs: { href: "https://a.example/x" } }] }),
      paragraph({ type: "text", text: "owned by the customer", marks: [{ type: "em" }] }),
    ]);
  });

  it("keeps fenced code verbatim in a code block", () => {
    expect(markdownToAdf("```\nGET /a?x=<b>\n# not a heading\n```").content).toEqual([
      { type: "codeBlock", content: [text("GET /a?x=<b>\n# not a heading")] },
    ]);
  });

  it("marks markdown links and bare http(s) URLs as links", () => {
    expect(markdownToAdf("See [the report](https://scan.example/r/1) or https://scan.example/r/2.").content).toEqual([
      paragraph(
        text("See "),
        { type: "text", text: "the report", marks: [{ type: "link", attrs: { href: "https://scan.example/r/1" } }] },
        text(" or "),
        { type: "text", text: "https://scan.example/r/2", marks: [{ type: "link", attrs: { href: "https://scan.example/r/2" } }] },
        text("."),
      ),
    ]);
  });

  it("does not link other schemes", () => {
    expect(texts(markdownToAdf("[x](javascript:alert(1))")).some((node) => node.marks)).toBe(false);
  });

  it("never makes an empty text node", () => {
    const doc = markdownToAdf("#  \n\n- \n\n```\n```\n\n[a](https://x.example)\n\r\n");
    expect(texts(doc).every((node) => node.text !== "")).toBe(true);
  });

  it("makes an empty document from an empty body", () => {
    expect(markdownToAdf("")).toEqual({ type: "doc", version: 1, content: [] });
  });
});
