import type { ExportItem } from "../../src/domain/export-item.js";
import type { ExportMeta, FileRenderer } from "../../src/domain/render/index.js";
import type { FileFormat } from "../../src/domain/vocabulary.js";

/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
export const FORMULA_TRIGGERS = ["=", "+", "-", "@", "\t", "\r"] as const;

export const FINGERPRINT_LABEL = "tex-fp-0123456789abcdef";

/** A well-behaved source. */
export function plainItem(overrides: Partial<ExportItem> = {}): ExportItem {
  return {
    sourceType: "REPORT_ISSUE",
    sourceId: "issue-42",
    title: "Missing Content-Security-Policy header",
    description: "The page at /checkout sends no CSP header.\n\nAdd one that forbids inline scripts.",
    affectedUrl: "https://shop.example.com/checkout",
    labels: ["security", "headers"],
    acceptanceCriteria: ["A CSP header is sent on every page", "Inline scripts are blocked"],
    evidenceLinks: [{ label: "Response headers", url: "https://evidence.example.com/r/1" }],
    severity: "HIGH",
    priority: "URGENT",
    exportStatus: "PORTABLE_READY",
    fingerprint: "v1:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    fingerprintLabel: FINGERPRINT_LABEL,
    report: { externalId: "scan-2024-07", title: "July scan", siteUrl: "https://shop.example.com" },
    createdAt: new Date("2024-06-30T08:00:00.000Z"),
    ...overrides,
  };
}

/** User text that tries every trick the files must defuse, in every free-text field. */
const HOSTILE_TEXT = [
  '<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(2)">x</a> <!-- c -->',
  "[click](javascript:alert(3)) ![pixel](https://evil.example/p.png) <javascript:alert(4)> <https://evil.example>",
  "[ref]: javascript:alert(5)",
  "/close",
  "  /assign @someone",
  "ping @octocat and @org/team, see #123, owner/repo#5, GH-12, !34, ~bug, ~\"needs review\", %\"v1\", $7, &8",
  "{code}x{code} [~admin] [link|https://evil.example] !https://evil.example/i.png! {html}<b>x</b>{html}",
  "h1. Heading\nbq. quote\n----\n|| a || b ||\n* star\n# hash\n- dash",
  "back\\slash \\{code} \\\\ break",
  'comma, "quote", semi; pipe | tab\there',
  "emoji 🔥 👩‍💻 RTL مرحبا بالعالم combining e\u0301 zero\u200bwidth",
  "=cmd|' /C calc'!A0",
].join("\n");

export function hostileItem(overrides: Partial<ExportItem> = {}): ExportItem {
  return plainItem({
    sourceId: "@id-1 <b>",
    title: "=HYPERLINK(\"http://evil\") <script>alert(1)</script> @octocat #1 /close",
    description: `${HOSTILE_TEXT}\n\n/close\n\n${HOSTILE_TEXT}`,
    affectedUrl: "javascript:alert(6)",
    labels: ["+bug", "needs review", 'a"b', "x,y;z", "-1", "@here"],
    acceptanceCriteria: ["/close", "@octocat approves #12", HOSTILE_TEXT],
    evidenceLinks: [
      { label: "[x](javascript:alert(7))", url: "javascript:alert(8)" },
      { label: "data", url: "data:text/html,<script>alert(9)</script>" },
      { label: "<img src=x>", url: "https://user:secret@evidence.example.com/a b]|{c}?q=\"1\"#frag" },
      { label: "relative", url: "/internal/path" },
    ],
    report: { externalId: "=ext", title: "@report #9 <i>x</i>", siteUrl: "https://shop.example.com" },
    ...overrides,
  });
}

/**
 * Labels that become markup, links, images, HTML, emoji, references or commands wherever a tracker renders them as
 * Markdown or runs them as a quick action (GitLab's `/label ~"…"` line when it is shown rather than run).
 */
export const HOSTILE_LABELS = [
  "![img](https://evil.example.com/i.png)",
  "[click](javascript:alert(1))",
  "<img src=x onerror=alert(1)>",
  '<a href="javascript:alert(2)">x</a>',
  '~"quoted" label',
  '" /close "',
  ":smile:",
  "_emphasis_ and **strong**",
  "@here #1 !2 %3 &4 $5",
  "http://evil.example.com/x",
  "www.evil.example.com",
  "`code` | pipe {code}",
  'line\nbreak /label ~"admin"',
  "=SUM(1,2)",
  "x, y; z",
];

/** A source whose every text field, label, criterion and evidence label starts with `trigger`. */
export function itemStartingWith(trigger: string): ExportItem {
  const text = (rest: string) => `${trigger}${rest}`;
  return plainItem({
    title: text("SUM(1,2)"),
    description: text('HYPERLINK("https://evil.example")'),
    sourceId: text("id"),
    affectedUrl: text("cmd|' /C calc'!A0"),
    labels: [text("label")],
    acceptanceCriteria: [text("criterion")],
    evidenceLinks: [{ label: text("evidence"), url: "https://evidence.example.com/e" }],
    report: { externalId: text("ext"), title: text("report"), siteUrl: text("site") },
  });
}

export function metaFor(format: FileFormat, dialect: string, itemCount: number): ExportMeta {
  return {
    exportId: "exp_01",
    organization: "acme",
    createdAt: new Date("2024-07-01T12:00:00.000Z"),
    format,
    dialect,
    formatReason: "Chosen for the test.",
    report: { externalId: "scan-2024-07", title: "July scan", siteUrl: "https://shop.example.com" },
    itemCount,
  };
}

/** The whole file, concatenated the way the download streams it. */
export function renderAll(renderer: FileRenderer, meta: ExportMeta, items: ExportItem[]): string {
  return renderer.begin(meta) + items.map((item, index) => renderer.item(item, index)).join("") + renderer.end(meta);
}
