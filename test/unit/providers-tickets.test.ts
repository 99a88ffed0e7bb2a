import { describe, expect, it } from "vitest";
import { carriesLabel, describedWithLabel, findInPages, MAX_PAGES, titleLine } from "../../src/providers/tickets.js";
import type { TicketDraft } from "../../src/providers/types.js";

const draft = (overrides: Partial<TicketDraft> = {}): TicketDraft => ({
  title: "Open redirect",
  description: [{ kind: "paragraph", text: "Details" }],
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

describe("describedWithLabel", () => {
  it("adds a fingerprint label line to a description without the label", () => {
    expect(describedWithLabel(draft())).toEqual([
      { kind: "paragraph", text: "Details" },
      { kind: "paragraph", text: "Fingerprint label: tex-fp-0a1b2c3d4e5f6071" },
    ]);
  });

  it("leaves a description that carries the label as it is", () => {
    const description = [{ kind: "fields" as const, fields: [{ name: "Fingerprint label", value: "tex-fp-0a1b2c3d4e5f6071", href: null }] }];
    expect(describedWithLabel(draft({ description }))).toBe(description);
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
