import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CSV_DIALECTS, createRenderer, IMPORT_BOUNDARY_LINE } from "../../src/domain/render/index.js";
import { JIRA_LABEL_COLUMNS } from "../../src/domain/render/csv/jira.js";
import type { ExportItem } from "../../src/domain/export-item.js";
import { FINGERPRINT_LABEL, FORMULA_TRIGGERS, hostileItem, itemStartingWith, metaFor, plainItem, renderAll } from "./render-fixtures.js";

const render = (dialect: string, items: ExportItem[]) =>
  renderAll(createRenderer("CSV_EXPORT", dialect), metaFor("CSV_EXPORT", dialect, items.length), items);

/** Parses strictly: CRLF records only, every record as wide as the header, no relaxed quoting. */
const parseRows = (csv: string): string[][] => parse(csv, { bom: true, record_delimiter: ["\r\n"] });

const startsWithTrigger = (cell: string) => FORMULA_TRIGGERS.some((trigger) => cell.startsWith(trigger));

describe.each(CSV_DIALECTS)("the %s CSV dialect", (dialect) => {
  it("parses back strictly with one CRLF record per source after the header", () => {
    const items = [plainItem(), hostileItem(), plainItem({ sourceId: "issue-43", description: null })];
    const rows = parseRows(render(dialect, items));
    expect(rows).toHaveLength(1 + items.length);
    expect(render(dialect, items).endsWith("\r\n")).toBe(true);
  });

  it.each(FORMULA_TRIGGERS.map((trigger) => [JSON.stringify(trigger), trigger]))(
    "neutralises %s at the start of every cell",
    (_, trigger) => {
      const rows = parseRows(render(dialect, [itemStartingWith(trigger)]));
      const cells = rows.flat();
      expect(cells.filter(startsWithTrigger)).toEqual([]);
      const title = rows[1][rows[0].findIndex((header) => /^(title|summary|name|task name)$/i.test(header))];
      // The generic CSV is for spreadsheets: OWASP's quote. Tracker dialects put an invisible word joiner first, which
      // their importers keep as nothing visible (a quote would stay in the ticket); they also trim titles to one line,
      // which removes a leading TAB or CR instead, and put a word joiner after a would-be mention.
      const neutralised = dialect.startsWith("generic")
        ? [`'${trigger}SUM(1,2)`]
        : [`\u2060${trigger}SUM(1,2)`, `\u2060${trigger}\u2060SUM(1,2)`, "SUM(1,2)"];
      expect(neutralised).toContain(title);
    },
  );

  it("quotes every cell with a line break, so that a reader ending records at a bare LF splits none", () => {
    const item = plainItem({ description: "See below\n=cmd|' /C calc'!A0", labels: ["web", "=HYPERLINK(1)\n@SUM(2)"] });
    const csv = render(dialect, [item]);
    // Spreadsheets and Python's csv module end a record at LF as well as CRLF.
    const rows: string[][] = parse(csv, { bom: true, record_delimiter: ["\r\n", "\n"] });
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveLength(rows[0].length);
    expect(rows.flat().filter(startsWithTrigger)).toEqual([]);
  });

  it("keeps commas, quotes, line breaks and unicode intact inside cells", () => {
    const title = 'Emoji 🔥 👩‍💻, RTL مرحبا, combining e\u0301, "quoted"';
    const rows = parseRows(render(dialect, [plainItem({ title, description: 'line one, "two"\nline three' })]));
    const [header, row] = rows;
    expect(row).toHaveLength(header.length);
    expect(row).toContain(title);
    expect(row.some((cell) => cell.includes("line three"))).toBe(true);
  });

  it("carries the import-boundary line and the fingerprint label", () => {
    const [, row] = parseRows(render(dialect, [plainItem()]));
    expect(row.some((cell) => cell.includes(IMPORT_BOUNDARY_LINE))).toBe(true);
    expect(row.some((cell) => cell.includes(FINGERPRINT_LABEL))).toBe(true);
  });

  it("starts with a byte order mark only in the Excel-oriented variant", () => {
    expect(render(dialect, [plainItem()]).startsWith("\uFEFF")).toBe(dialect === "generic-excel");
  });
});

describe("the generic CSV dialect", () => {
  const rowsOf = (item: ExportItem): Record<string, string>[] =>
    parse(render("generic", [item]), { columns: true, record_delimiter: ["\r\n"] });

  it("has a snake_case column for every provider-neutral field", () => {
    const [row] = rowsOf(plainItem());
    expect(row).toMatchObject({
      title: "Missing Content-Security-Policy header",
      source_type: "REPORT_ISSUE",
      source_id: "issue-42",
      severity: "HIGH",
      priority: "URGENT",
      export_status: "PORTABLE_READY",
      labels: `security\nheaders\n${FINGERPRINT_LABEL}`,
      fingerprint: plainItem().fingerprint,
      fingerprint_label: FINGERPRINT_LABEL,
      affected_url: "https://shop.example.com/checkout",
      evidence_links: "Response headers <https://evidence.example.com/r/1>",
      acceptance_criteria: "A CSP header is sent on every page\nInline scripts are blocked",
      report_external_id: "scan-2024-07",
      report_title: "July scan",
      report_site_url: "https://shop.example.com",
      import_boundary: IMPORT_BOUNDARY_LINE,
    });
  });

  it("keeps user text raw apart from the formula prefix", () => {
    const [row] = rowsOf(hostileItem());
    expect(row.title).toBe(`'${hostileItem().title}`);
    expect(row.description).toBe(hostileItem().description);
  });

  it("lists only http(s) evidence links, without credentials", () => {
    const [row] = rowsOf(hostileItem());
    expect(row.evidence_links).toBe(
      "<img src=x> <https://evidence.example.com/a%20b%5D%7C%7Bc%7D?q=%221%22#frag>",
    );
  });
});

describe("the tracker dialects' headers", () => {
  it.each([
    ["jira", ["Summary", "Issue Type", "Priority", "Description", ...Array(JIRA_LABEL_COLUMNS).fill("Labels")]],
    ["gitlab", ["title", "description"]],
    ["azure-devops", ["Work Item Type", "Title", "Description", "Priority", "Severity", "Tags"]],
    ["linear", ["Title", "Description", "Priority", "Labels"]],
    ["asana", ["Name", "Description", "Priority", "Severity"]],
    ["clickup", ["Task Name", "Description", "Priority", "Tags", "Severity"]],
    ["youtrack", ["$type$", "ID", "Summary", "Description", "Type (enum)", "Priority (enum)"]],
  ])("are %s's documented ones (docs/formats.md)", (dialect, header) => {
    expect(parseRows(render(dialect, [plainItem()]))[0]).toEqual(header);
  });
});

describe("the Jira CSV dialect", () => {
  const [header, row] = parseRows(render("jira", [hostileItem({ sourceType: "FIX_TASK", priority: "MEDIUM" })]));
  const cell = (name: string) => row[header.indexOf(name)];

  it("escapes wiki markup so user text opens no macro, link or mention", () => {
    const description = cell("Description");
    expect(description).not.toMatch(/(?<!\\)\{(code|html)/);
    expect(description).not.toMatch(/(?<!\\)\[~/);
    expect(description).not.toMatch(/(?<!\\)\[link(?<!\\)\|/);
    expect(description).not.toMatch(/^h1\. /m);
    expect(description).toContain("[<img src=x>|https://evidence.example.com/a%20b%5D%7C%7Bc%7D?q=%221%22#frag]");
  });
});

describe("the Azure DevOps CSV dialect", () => {
  const [header, row] = parseRows(render("azure-devops", [hostileItem()]));
  const cell = (name: string) => row[header.indexOf(name)];

  it("writes an HTML description in which user text cannot become markup", () => {
    const tags = new Set(cell("Description").match(/<\/?[a-z0-9]+/gi)?.map((tag) => tag.replace("/", "")));
    expect([...tags].sort()).toEqual(["<a", "<b", "<br", "<h3", "<i", "<li", "<p", "<ul"]);
    expect(cell("Description")).toContain("&lt;script&gt;");
    expect(cell("Description").match(/href="[^"]*"/g)).toEqual([
      'href="https://shop.example.com/"',
      'href="https://evidence.example.com/a%20b%5D%7C%7Bc%7D?q=%221%22#frag"',
    ]);
  });

  it("separates tags with semicolons, the fingerprint label first and none from inside a label", () => {
    expect(cell("Tags")).toBe('tex-fp-0123456789abcdef; +bug; needs review; a"b; x-y-z; -1; @here');
  });
});
