import { describe, expect, it } from "vitest";
import type { ExportItem } from "../../src/domain/export-item.js";
import { createRenderer, IMPORT_BOUNDARY_LINE } from "../../src/domain/render/index.js";
import { TRACKER_FILES, ImportRefused, type TrackerFile } from "../support/importers/index.js";
import { AZURE_DEVOPS_RULES, readAzureDevOpsImport } from "../support/importers/azure-devops.js";
import { CLICKUP_RULES } from "../support/importers/clickup.js";
import { GITLAB_RULES } from "../support/importers/gitlab.js";
import { JIRA_RULES, readJiraImport } from "../support/importers/jira.js";
import { readLinearImport } from "../support/importers/linear.js";
import { DIALECT_MARKUP, rendered } from "../support/importers/markup.js";
import { YOUTRACK_RULES } from "../support/importers/youtrack.js";
import { FINGERPRINT_LABEL, metaFor, plainItem, renderAll } from "./render-fixtures.js";

const fileOf = (file: Pick<TrackerFile, "format" | "dialect">, items: ExportItem[]) =>
  renderAll(createRenderer(file.format, file.dialect), metaFor(file.format, file.dialect, items.length), items);

/** What the tracker shows of an imported ticket's description. */
const shownDescription = (file: TrackerFile, description: string) => rendered(DIALECT_MARKUP[file.dialect], description).shown;

const finding = plainItem();
const task = plainItem({
  sourceId: "task-7",
  sourceType: "FIX_TASK",
  priority: "LOW",
  severity: "INFO",
  labels: [],
  fingerprintLabel: "tex-fp-fedcba9876543210",
  description: null,
});

/** The fields each importer sets for `finding` and for `task`, in its own values. */
const FIELDS: Record<keyof typeof TRACKER_FILES, [Record<string, string>, Record<string, string>]> = {
  JIRA: [
    { "Issue Type": "Bug", Priority: "Highest" },
    { "Issue Type": "Task", Priority: "Low" },
  ],
  GITHUB: [{}, {}],
  GITLAB: [{ quickActions: "label" }, { quickActions: "label" }],
  BITBUCKET: [
    { kind: "bug", priority: "critical", status: "new", created_on: "2024-06-30T08:00:00.000Z" },
    { kind: "task", priority: "trivial", status: "new" },
  ],
  TRELLO: [{}, {}],
  LINEAR: [
    { Priority: "Urgent", images: "0" },
    { Priority: "Low", images: "0" },
  ],
  AZURE_DEVOPS: [
    { "Work Item Type": "Bug", Priority: "1", Severity: "2 - High" },
    { "Work Item Type": "Task", Priority: "4", Severity: "" },
  ],
  YOUTRACK: [
    { ID: FINGERPRINT_LABEL, Type: "Bug", Priority: "Critical" },
    { ID: "tex-fp-fedcba9876543210", Type: "Task", Priority: "Minor" },
  ],
  ASANA: [
    { Priority: "Urgent", Severity: "High" },
    { Priority: "Low", Severity: "Info" },
  ],
  CLICKUP: [
    { Priority: "Urgent", Severity: "High" },
    { Priority: "Low", Severity: "Info" },
  ],
};

describe.each(Object.entries(TRACKER_FILES))("the file %s's importer takes", (tracker, file) => {
  const tickets = file.read(fileOf(file, [finding, task]));

  it("imports one ticket per source, in file order, each with its title", () => {
    expect(tickets.map((ticket) => ticket.title)).toEqual([finding.title, task.title]);
  });

  it("keeps the fingerprint label as a label where the importer imports labels, and always as the description's first line", () => {
    tickets.forEach((ticket, index) => {
      const label = [finding, task][index].fingerprintLabel;
      expect(shownDescription(file, ticket.description).trimStart()).toMatch(new RegExp(`^Duplicate guard: ${label}\\n`));
      if (file.fingerprint === "label") expect(ticket.labels[0]).toBe(label);
    });
  });

  it("imports the source's labels where the importer imports labels, and lists them all in the description", () => {
    const [first, second] = tickets;
    if (file.fingerprint === "label") {
      expect(first.labels).toEqual([FINGERPRINT_LABEL, "security", "headers"]);
      expect(second.labels).toEqual([task.fingerprintLabel]);
    } else {
      expect([first.labels, second.labels]).toEqual([[], []]);
    }
    expect(shownDescription(file, first.description)).toContain(`Labels: security, headers, ${FINGERPRINT_LABEL}`);
  });

  it("sets type, priority and severity to values the importer knows", () => {
    expect(tickets[0].fields).toMatchObject(FIELDS[tracker as keyof typeof TRACKER_FILES][0]);
    expect(tickets[1].fields).toMatchObject(FIELDS[tracker as keyof typeof TRACKER_FILES][1]);
  });

  it("keeps every other field of the source in the description", () => {
    const shown = shownDescription(file, tickets[0].description);
    for (const expected of [
      "The page at /checkout sends no CSP header.",
      "Add one that forbids inline scripts.",
      "Source type: REPORT_ISSUE",
      "Source ID: issue-42",
      "Severity: HIGH",
      "Priority: URGENT",
      "Export status: PORTABLE_READY",
      `Fingerprint: ${finding.fingerprint}`,
      `Fingerprint label: ${FINGERPRINT_LABEL}`,
      "Report: scan-2024-07: July scan",
      "https://shop.example.com/checkout",
      "Response headers",
      "A CSP header is sent on every page",
      "Inline scripts are blocked",
      IMPORT_BOUNDARY_LINE,
    ]) {
      expect(shown).toContain(expected);
    }
  });

  it("cuts a title over 255 characters to the tracker's limit and keeps it whole in the description", () => {
    const title = `${"Reflected XSS in the search form ".repeat(12)}end`;
    const [ticket] = file.read(fileOf(file, [plainItem({ title })]));
    expect(ticket.title.length).toBeLessThanOrEqual(255);
    expect(ticket.title).toMatch(/^Reflected XSS in the search form .*…$/);
    expect(shownDescription(file, ticket.description)).toContain(`Title: ${title}`);
  });
});

describe("the limits each dialect declares for the build to split files by", () => {
  const importerOf = (tracker: keyof typeof TRACKER_FILES) =>
    createRenderer(TRACKER_FILES[tracker].format, TRACKER_FILES[tracker].dialect).importer;

  it("are the importers' documented limits", () => {
    expect(importerOf("JIRA")).toMatchObject({
      maxItems: JIRA_RULES.maxIssues,
      maxTitleLength: JIRA_RULES.summaryLength,
      maxDescriptionLength: JIRA_RULES.textLength,
      splittable: true,
    });
    expect(importerOf("AZURE_DEVOPS")).toMatchObject({ maxItems: AZURE_DEVOPS_RULES.maxWorkItems, splittable: true });
    expect(importerOf("CLICKUP")).toMatchObject({ maxItems: CLICKUP_RULES.maxRows, splittable: true });
    expect(importerOf("GITLAB")).toMatchObject({ maxBytes: GITLAB_RULES.maxBytes, splittable: true });
    expect(importerOf("YOUTRACK")).toMatchObject({ maxDescriptionLength: YOUTRACK_RULES.cellLength, splittable: true });
    // Each Bitbucket import replaces the tracker's issues: a second part would delete the first.
    expect(importerOf("BITBUCKET")).toMatchObject({ tracker: "Bitbucket", splittable: false });
    expect(importerOf("GITHUB")).toBeUndefined();
  });

  it.each([
    ["Jira", readJiraImport, "jira", JIRA_RULES.maxIssues],
    ["Azure DevOps", readAzureDevOpsImport, "azure-devops", AZURE_DEVOPS_RULES.maxWorkItems],
  ] as const)("are what %s's importer refuses to go past", (_, read, dialect, maxItems) => {
    const items = Array.from({ length: maxItems + 1 }, (__, index) => plainItem({ sourceId: `issue-${index}` }));
    const text = fileOf({ format: "CSV_EXPORT", dialect }, items);
    expect(() => read(text)).toThrow(ImportRefused);
    expect(read(text.slice(0, text.lastIndexOf("\r\n", text.length - 3) + 2))).toHaveLength(maxItems);
  });
});

describe("a description longer than the importer keeps", () => {
  const long = plainItem({
    description: `${"The search form reflects the q parameter unencoded. ".repeat(1_000)}Last words.`,
    acceptanceCriteria: Array.from({ length: 40 }, (_, index) => `Criterion ${index} ${"x".repeat(500)}`),
  });

  it.each([
    ["JIRA", "Jira's 32,767-character limit", JIRA_RULES.textLength],
    ["YOUTRACK", "YouTrack's 50,000-character limit", YOUTRACK_RULES.cellLength],
  ] as const)("is shortened for %s from the end, keeping the guard line, the details and the boundary", (tracker, note, limit) => {
    const file = TRACKER_FILES[tracker];
    const [ticket] = file.read(fileOf(file, [long]));
    expect(ticket.description.length).toBeLessThanOrEqual(limit);
    expect(ticket.description.length).toBeGreaterThan(limit * 0.9);
    const shown = shownDescription(file, ticket.description);
    expect(shown).toMatch(new RegExp(`^Duplicate guard: ${FINGERPRINT_LABEL}\\n`));
    expect(shown).toContain(`Shortened to fit ${note}`);
    expect(shown).toContain(`Fingerprint: ${long.fingerprint}`);
    expect(shown).toContain(IMPORT_BOUNDARY_LINE);
    expect(shown).toContain("The search form reflects the q parameter unencoded.");
    expect(shown).not.toContain("Last words.");
  });

  it("is written whole where the importer documents no limit", () => {
    const [ticket] = readLinearImport(fileOf(TRACKER_FILES.LINEAR, [long]));
    expect(ticket.description).toContain("Last words.");
    expect(ticket.description).not.toContain("Shortened");
  });
});

describe("labels the importers would split or merge", () => {
  const item = plainItem({ labels: ["needs review", "x, y", "a,b", " spaced  out ", "area/auth"] });

  it("reach Linear as one label each, although Linear splits the cell on \", \"", () => {
    const [ticket] = readLinearImport(fileOf(TRACKER_FILES.LINEAR, [item]));
    expect(ticket.labels).toEqual([FINGERPRINT_LABEL, "needs review", "x,y", "a,b", "spaced out", "area/auth"]);
  });

  it.each(["JIRA", "AZURE_DEVOPS", "CLICKUP", "GITLAB"] as const)("reach %s one label each, the fingerprint label first", (tracker) => {
    const [ticket] = TRACKER_FILES[tracker].read(fileOf(TRACKER_FILES[tracker], [item]));
    expect(ticket.labels).toHaveLength(6);
    expect(ticket.labels[0]).toBe(FINGERPRINT_LABEL);
  });
});
