import { describe, expect, it } from "vitest";
import { breakReferences } from "../../src/domain/render/break-references.js";
import { linkableUrl } from "../../src/domain/render/linkable-url.js";
import { escapeHtml } from "../../src/domain/render/markup/html.js";
import { escapeJiraWiki } from "../../src/domain/render/markup/jira-wiki.js";

const WJ = "\u2060";

describe("linkableUrl", () => {
  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "/relative/path",
    "ftp://files.example.com/a",
    "https://",
    "http://[::1]/admin",
    "not a url",
  ])("refuses %j", (raw) => {
    expect(linkableUrl(raw)).toBeNull();
  });

  it("keeps an ordinary https URL as the URL standard writes it", () => {
    expect(linkableUrl("https://Example.com/a/b?c=d#e")).toBe("https://example.com/a/b?c=d#e");
  });

  it("drops credentials and percent-encodes what could close a link", () => {
    expect(linkableUrl("http://user:pw@example.com/a b]|{c}^\\`<>\"")).toBe(
      "http://example.com/a%20b%5D%7C%7Bc%7D%5E/%60%3C%3E%22",
    );
  });
});

describe("breakReferences", () => {
  it.each([
    ["@octocat", `@${WJ}octocat`],
    ["cc @org/team.", `cc @${WJ}org/team.`],
    ["#123 and owner/repo#5", `#${WJ}123 and owner/repo#${WJ}5`],
    ["GH-12, gh-3", `GH-${WJ}12, gh-${WJ}3`],
    ["!34", `!${WJ}34`],
    ['~bug ~"needs review"', `~${WJ}bug ~${WJ}"needs review"`],
    ['%"v1" %12', `%${WJ}"v1" %${WJ}12`],
    ["$7 &8", `$${WJ}7 &${WJ}8`],
  ])("breaks %j", (text, broken) => {
    expect(breakReferences(text)).toBe(broken);
  });

  it("leaves e-mail addresses, headings and ordinary punctuation alone", () => {
    const text = "mail ops@example.com, # heading, 50% off, wow!, a ~ b";
    expect(breakReferences(text)).toBe(text);
  });
});

describe("escapeJiraWiki", () => {
  it("escapes every character that starts wiki markup", () => {
    expect(escapeJiraWiki("{code}[~admin|x]*b*_i_-s-+u+^p^~s~??c??!i.png!#")).toBe(
      "\\{code\\}\\[\\~admin\\|x\\]\\*b\\*\\_i\\_\\-s\\-\\+u\\+\\^p\\^\\~s\\~\\?\\?c\\?\\?\\!i.png\\!\\#",
    );
  });

  it("turns user backslashes into a look-alike so they can neither escape nor break lines", () => {
    expect(escapeJiraWiki("\\{code} \\\\")).toBe("\uFF3C\\{code\\} \uFF3C\uFF3C");
  });

  it("keeps heading and quote prefixes from starting a line's markup", () => {
    expect(escapeJiraWiki("h1. Big\n  bq. quote\nah1. fine")).toBe(`h1${WJ}. Big\n  bq${WJ}. quote\nah1. fine`);
  });
});

describe("escapeHtml", () => {
  it("replaces the five HTML-significant characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });
});
