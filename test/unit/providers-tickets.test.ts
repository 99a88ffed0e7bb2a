import { describe, expect, it } from "vitest";
import { markdownToHtml } from "../../src/providers/markdown-html.js";
import { markdownToText } from "../../src/providers/markdown-text.js";
import { bodyWithLabel, carriesLabel, findInPages, MAX_PAGES, titleLine } from "../../src/providers/tickets.js";
import type { TicketDraft } from "../../src/providers/types.js";

const draft = (overrides: Partial<TicketDraft> = {}): TicketDraft => ({
  title: "Open redirect",
  body: "Details",
  labels: [],
  fingerprintLabel: "tex-fp-0a1b2c3d4e5f6071",
  ...overrides,
});

describe("carriesLabel", () => {
  it.each([
    ["Fingerprint label: tex-fp-0a1b", true, "after other text"],
    ["tex-fp-0a1b", true, "the whole text"],
    ["labels: web, tex-fp-0a1b, x", true, "between commas"],
    ["<li>Fingerprint label: tex-fp-0a1b</li>", true, "inside HTML"],
    ["tex-fp-0a1b2c", false, "the start of a longer label"],
    ["xtex-fp-0a1b", false, "the end of a longer word"],
    ["tex-fp-0a1b-2", false, "followed by a dash"],
    ["TEX-FP-0A1B", false, "in another case"],
    ["tex-fp-0a1b2c and tex-fp-0a1b.", true, "after a longer one, at its second place"],
    ["", false, "empty text"],
  ])("finds %j: %s (%s)", (text, expected) => {
    expect(carriesLabel(text, "tex-fp-0a1b")).toBe(expected);
  });
});

describe("bodyWithLabel", () => {
  it("appends a fingerprint label line to a body without the label", () => {
    expect(bodyWithLabel(draft({ body: "Details\n\n" }))).toBe("Details\n\nFingerprint label: tex-fp-0a1b2c3d4e5f6071\n");
  });

  it("leaves a body that carries the label as it is", () => {
    const body = "- Fingerprint label: tex-fp-0a1b2c3d4e5f6071\n";
    expect(bodyWithLabel(draft({ body }))).toBe(body);
  });
});

describe("titleLine", () => {
  it("puts the title on one line and cuts it with an ellipsis", () => {
    expect(titleLine(draft({ title: "Open\r\nredirect\nhere" }))).toBe("Open redirect here");
    expect(titleLine(draft({ title: "abcdef" }), 4)).toBe("abc…");
  });
});

describe("findInPages", () => {
  it("reads pages until one matches and stops there", async () => {
    const read: number[] = [];
    const found = await findInPages(
      0,
      async (page) => (read.push(page), { items: [page * 10, page * 10 + 1], next: page + 1 }),
      (item) => item === 21,
    );
    expect({ found, read }).toEqual({ found: 21, read: [0, 1, 2] });
  });

  it("stops at the last page, at an empty page, and after MAX_PAGES pages", async () => {
    const last: number[] = [];
    await findInPages(0, async (page) => (last.push(page), { items: [page], next: page < 2 ? page + 1 : undefined }), () => false);
    expect(last).toEqual([0, 1, 2]);
    const empty: number[] = [];
    await findInPages(0, async (page) => (empty.push(page), { items: [], next: page + 1 }), () => false);
    expect(empty).toEqual([0]);
    let pages = 0;
    const endless = await findInPages("start", async () => (pages++, { items: ["x"], next: "again" }), () => false);
    expect({ endless, pages }).toEqual({ endless: undefined, pages: MAX_PAGES });
  });
});

describe("markdownToText", () => {
  it("shows the text as written, with escapes decoded and structure as lines", () => {
    const markdown = [
      "Reflected \\<b>input\\</b> in \\*q\\*",
      "",
      "### Details",
      "",
      "- Source ID: scan:42/xss\\_\\[q]\\*",
      "- Report: [shop](https://shop.example.com/)",
      "",
      "1. first",
      "2. second",
      "",
      "- [ ] Encode the q parameter",
      "",
      "> quoted",
      "",
      "```",
      "code <here>",
      "```",
    ].join("\n");
    expect(markdownToText(markdown)).toBe(
      [
        "Reflected <b>input</b> in *q*",
        "",
        "Details",
        "",
        "- Source ID: scan:42/xss_[q]*",
        "- Report: shop (https://shop.example.com/)",
        "",
        "1. first",
        "2. second",
        "",
        "- [ ] Encode the q parameter",
        "",
        "> quoted",
        "",
        "code <here>",
        "",
      ].join("\n"),
    );
  });

  it("shows only the label of a link whose target is not http(s)", () => {
    expect(markdownToText("[click](javascript:alert(1)) and ![img](data:image/png;base64,AA)")).toBe("click and img\n");
  });
});

describe("markdownToHtml", () => {
  it("escapes raw HTML and drops unsafe link targets", () => {
    const html = markdownToHtml('<img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](https://ok.example/?q="1")');
    expect(html).toBe('<p>&lt;img src=x onerror=alert(1)&gt; <a href="">a</a> <a href="https://ok.example/?q=%221%22">b</a></p>');
  });
});
