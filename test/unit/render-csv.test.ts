import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CSV_DIALECTS, createRenderer, IMPORT_BOUNDARY_LINE } from "../../src/domain/render/index.js";
import { JIRA_LABEL_COLUMNS } from "../../src/domain/render/csv/jira.js";
import type { ExportItem } from "../../src/domain/export-item.js";
import { FINGERPRINT_LABEL, FORMULA_TRIGGERS, hostileItem, metaFor, plainItem, renderAll } from "./render-fixtures.js";

const render = (dialect: string, items: ExportItem[]) =>
  renderAll(createRenderer("CSV_EXPORT", dialect), metaFor("CSV_EXPORT", dialect, items.length), items);

/** Parses strictly: CRLF records only, every record as wide as the header, no relaxed quoting. */
const parseRows = (csv: string): string[][] => parse(csv, { bom: true, record_delimiter: ["\r\n"] });

const startsWithTrigger = (cell: string) => FORMULA_TRIGGERS.some((trigger) => cell.startsWith(trigger));

/** A source whose every text field, label, criterion and evidence label starts with `trigger`. */
function itemStartingWith(trigger: string): ExportItem {
  const text = (rest: string) => `${trigger}${rest}`;
  return plainItem({
    title: text("SUM(1,2)"),
    description: text("HYPERLINK(\"https://evil.example\")"),
    sourceId: text("id"),
    affectedUrl: text("cmd|' /C calc'!A0"),
    labels: [text("label")],
    acceptanceCriteria: [text("criterion")],
    evidenceLinks: [{ label: text("evidence"), url: "https://evidence.example.com/e" }],
    report: { externalId: text("ext"), title: text("report"), siteUrl: text("site") },
  });
}

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
      // Tracker titles are trimmed to one line, which removes a leading TAB or CR instead of prefixing it, and a
      // word joiner follows a would-be mention.
      const neutralised = dialect.startsWith("generic") ? [`'${trigger}SUM(1,2)`] : [`'${trigger}SUM(1,2)`, "SUM(1,2)"];
      expect(neutralised).toContain(title.replaceAll("\u2060", ""));
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

  it("carries the import-boundary line and the fingerprint label as a label", () => {
    const [header, row] = parseRows(render(dialect, [plainItem()]));
    expect(row.some((cell) => cell.includes(IMPORT_BOUNDARY_LINE))).toBe(true);
    const labelCells = row.filter((_, index) => /^(labels|tags)$/i.test(header[index]));
    const quickActions = row.filter((cell) => cell.includes("\n/label "));
    expect([...labelCells, ...quickActions].some((cell) => cell.includes(FINGERPRINT_LABEL))).toBe(true);
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

describe("the Jira CSV dialect", () => {
  const [header, row] = parseRows(render("jira", [hostileItem({ sourceType: "FIX_TASK", priority: "MEDIUM" })]));
  const cell = (name: string) => row[header.indexOf(name)];

  it("uses Jira's field names with repeated Labels columns", () => {
    const labels = Array(JIRA_LABEL_COLUMNS).fill("Labels");
    expect(header).toEqual(["Summary", "Issue Type", "Priority", "Description", ...labels]);
    expect(cell("Issue Type")).toBe("Task");
    expect(cell("Priority")).toBe("Medium");
  });

  it("writes labels without spaces, the fingerprint label first", () => {
    const labels = row.slice(header.indexOf("Labels")).filter((label) => label !== "");
    expect(labels[0]).toBe(FINGERPRINT_LABEL);
    expect(labels).toContain("needs-review");
    expect(labels.every((label) => !/\s/.test(label))).toBe(true);
  });

  it("escapes wiki markup so user text opens no macro, link or mention", () => {
    const description = cell("Description");
    expect(description).not.toMatch(/(?<!\\)\{(code|html)/);
    expect(description).not.toMatch(/(?<!\\)\[~/);
    expect(description).not.toMatch(/(?<!\\)\[link(?<!\\)\|/);
    expect(description).not.toMatch(/^h1\. /m);
    expect(description).toContain("[<img src=x>|https://evidence.example.com/a%20b%5D%7C%7Bc%7D?q=%221%22#frag]");
  });

  it("maps each priority to Jira's name", () => {
    const priorities = (["URGENT", "HIGH", "MEDIUM", "LOW"] as const).map(
      (priority) => parseRows(render("jira", [plainItem({ priority })]))[1][2],
    );
    expect(priorities).toEqual(["Highest", "High", "Medium", "Low"]);
  });
});

describe("the GitLab CSV dialect", () => {
  const [header, row] = parseRows(render("gitlab", [hostileItem()]));
  const description = row[1];
  const userText = description.slice(0, description.lastIndexOf("\n/label "));

  it("has title and description first, in that order", () => {
    expect(header).toEqual(["title", "description"]);
  });

  it("ends the description with the one quick action this file writes, carrying every label", () => {
    const commands = description.split("\n").filter((line) => /^\s*\//.test(line));
    expect(commands).toEqual([
      '/label ~"+bug" ~"needs review" ~"ab" ~"x,y;z" ~"-1" ~"@here" ~"tex-fp-0123456789abcdef"',
    ]);
  });

  it("breaks mentions and references in user text", () => {
    expect(userText).toContain("octocat");
    expect(userText).not.toMatch(/(?<![\p{L}\p{N}_])@[\p{L}\p{N}_]/u);
    expect(userText).not.toMatch(/#\d|!\d|GH-\d|~bug/);
  });
});

describe("the Azure DevOps CSV dialect", () => {
  const [header, row] = parseRows(render("azure-devops", [hostileItem()]));
  const cell = (name: string) => row[header.indexOf(name)];

  it("uses the work item field names with Bug for a finding and priority 1 for urgent", () => {
    expect(header).toEqual(["Work Item Type", "Title", "Description", "Priority", "Tags"]);
    expect(cell("Work Item Type")).toBe("Bug");
    expect(cell("Priority")).toBe("1");
  });

  it("writes an HTML description in which user text cannot become markup", () => {
    const tags = new Set(cell("Description").match(/<\/?[a-z0-9]+/gi)?.map((tag) => tag.replace("/", "")));
    expect([...tags].sort()).toEqual(["<a", "<b", "<br", "<h3", "<i", "<li", "<p", "<ul"]);
    expect(cell("Description")).toContain("&lt;script&gt;");
    expect(cell("Description").match(/href="[^"]*"/g)).toEqual([
      'href="https://shop.example.com/"',
      'href="https://evidence.example.com/a%20b%5D%7C%7Bc%7D?q=%221%22#frag"',
    ]);
  });

  it("separates tags with semicolons, none of which come from inside a label", () => {
    expect(cell("Tags")).toBe("'+bug; needs review; a\"b; x-y-z; -1; @here; tex-fp-0123456789abcdef");
  });
});

describe("the task-tracker CSV dialects", () => {
  it.each([
    ["linear", ["Title", "Description", "Priority", "Labels"], "Urgent"],
    ["asana", ["Name", "Description", "Priority", "Tags"], "Urgent"],
    ["clickup", ["Task Name", "Description", "Priority", "Tags"], "Urgent"],
    ["youtrack", ["Summary", "Description", "Type", "Priority", "Tags"], "Critical"],
  ])("%s puts the title first and names priorities the tracker's way", (dialect, columns, urgent) => {
    const [header, row] = parseRows(render(dialect, [plainItem()]));
    expect(header).toEqual(columns);
    expect(row[header.indexOf("Priority")]).toBe(urgent);
  });
});
