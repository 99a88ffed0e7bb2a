import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { ExportItem } from "../../src/domain/export-item.js";
import { quickActionLabel } from "../../src/domain/render/csv/gitlab.js";
import { createRenderer } from "../../src/domain/render/index.js";
import { linkableUrl } from "../../src/domain/render/linkable-url.js";
import { linkableEvidence } from "../../src/domain/render/ticket-content.js";
import { TRACKER_FILES } from "../support/importers/index.js";
import { quickActions } from "../support/importers/gitlab.js";
import { DIALECT_MARKUP, rendered } from "../support/importers/markup.js";
import { HOSTILE_LABELS, hostileItem, itemStartingWith, metaFor, renderAll } from "./render-fixtures.js";

/** Every trigger a spreadsheet reads as the start of a formula, full-width forms included (OWASP CSV injection). */
const TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"];

const items: ExportItem[] = [
  hostileItem(),
  hostileItem({
    sourceId: "hostile-labels",
    title: '![img](https://evil.example.com/i.png) [x](javascript:alert(1)) <b>b</b> {code}x{code} @team #7 /close',
    description: `${hostileItem().description}\n\n<img alt="x" src="https://evil.example.com/p.png"> ![x](https://evil.example.com/q.png)`,
    labels: HOSTILE_LABELS,
    fingerprintLabel: "tex-fp-1111111111111111",
  }),
  ...TRIGGERS.map((trigger, index) => ({ ...itemStartingWith(trigger), fingerprintLabel: `tex-fp-${String(index).padStart(16, "0")}` })),
];

/** The only links a file may make: the evidence, report site and affected URLs, as linkableUrl normalises them. */
const OUR_LINKS = new Set(
  items.flatMap((item) => [
    ...linkableEvidence(item.evidenceLinks).map((link) => link.url),
    ...[item.report.siteUrl, item.affectedUrl].flatMap((url) => linkableUrl(url) ?? []),
  ]),
);

/** A mention or a reference to an issue, merge request, label, milestone, snippet or epic that links something. */
const REFERENCE = /(?<![\p{L}\p{N}_])@[\p{L}\p{N}_]|(?<![\p{L}\p{N}_])[#!$&]\p{N}|(?<![\p{L}\p{N}_])[~%][\p{L}\p{N}_"]|\bGH-\p{N}/iu;

describe.each(Object.entries(TRACKER_FILES))("hostile text in every field through the file %s's importer takes", (_, file) => {
  const text = renderAll(createRenderer(file.format, file.dialect), metaFor(file.format, file.dialect, items.length), items);
  const tickets = file.read(text);
  const markup = DIALECT_MARKUP[file.dialect];

  it("is imported whole: one ticket per source, each with its fingerprint label", () => {
    expect(tickets).toHaveLength(items.length);
    tickets.forEach((ticket, index) => expect(ticket.description).toContain(items[index].fingerprintLabel.slice(7)));
  });

  it("becomes no HTML, image, macro or mention markup, and links only to the file's own http(s) URLs", () => {
    for (const ticket of tickets) {
      const { active, links } = rendered(markup, ticket.description);
      expect(active).toEqual([]);
      expect(links.filter((link) => !OUR_LINKS.has(link))).toEqual([]);
      // Linear's importer turns image syntax it finds in the raw text into uploaded images.
      expect(ticket.fields.images ?? "0").toBe("0");
    }
  });

  it("mentions nobody and references no issue in a title, a description or a label", () => {
    // The URLs the file links (percent-encoded octets look like GitLab milestone references) are not user text.
    const userText = (shown: string) => shown.replace(/https?:\/\/\S+/g, "");
    for (const ticket of tickets) {
      expect(ticket.title).not.toMatch(REFERENCE);
      expect(userText(rendered(markup, ticket.description).shown)).not.toMatch(REFERENCE);
    }
  });

  it("keeps titles as the source has them, with no quote added before a formula trigger", () => {
    tickets.forEach((ticket, index) => {
      expect(ticket.title.startsWith("'")).toBe(false);
      expect(ticket.title.replace(/^\u2060/, "")).toBe(rendered("plain", ticket.title).shown.replace(/^\u2060/, ""));
      expect(ticket.title).toContain(items[index].title.trim().slice(1, 8));
    });
  });

  if (markup === "markdown") {
    it("runs no quick action but the label line it writes itself", () => {
      for (const ticket of tickets) {
        expect(quickActions(ticket.description).commands).toEqual([]);
        expect(ticket.fields.quickActions ?? "label").toBe("label");
      }
    });
  }

  if (file.format === "CSV_EXPORT") {
    it("starts no cell with a formula trigger, a title with an invisible word joiner before one instead", () => {
      const cells = (parse(text, { bom: true }) as string[][]).flat();
      expect(cells.filter((cell) => TRIGGERS.some((trigger) => cell.startsWith(trigger)))).toEqual([]);
      const guarded = tickets.filter((ticket) => ticket.title.startsWith("\u2060"));
      const startingWithTrigger = items.map((item) => item.title.trim().charAt(0)).filter((first) => TRIGGERS.includes(first));
      expect(guarded.map((ticket) => ticket.title.charAt(1))).toEqual(startingWithTrigger);
    });
  }
});

describe("GitLab's label quick action", () => {
  const file = TRACKER_FILES.GITLAB;
  const text = renderAll(createRenderer(file.format, file.dialect), metaFor(file.format, file.dialect, items.length), items);
  const [header, ...rows] = parse(text, { bom: true }) as string[][];
  const descriptions = rows.map((row) => row[header.indexOf("description")]);

  it("is the one command line of each description, naming labels in letters, digits, spaces and dashes", () => {
    for (const description of descriptions) {
      const { commands } = quickActions(description);
      expect(commands.map((command) => command.name)).toEqual(["label"]);
      for (const label of [...commands[0].argument.matchAll(/~"([^"]*)"/g)].map((match) => match[1])) {
        expect(label).toMatch(/^[\p{L}\p{N}\p{M} -]+$/u);
      }
    }
  });

  it("stays plain text where GitLab shows it as Markdown instead of running it", () => {
    for (const description of descriptions) {
      const { active, links, shown } = rendered("markdown", description);
      expect(active).toEqual([]);
      expect(links.filter((link) => !OUR_LINKS.has(link))).toEqual([]);
      expect(shown.split("\n").filter((line) => line.startsWith("/label"))).toHaveLength(1);
    }
  });

  it.each([
    ["![img](https://evil.example.com/i.png)", "-img-https-evil-example-com-i-png-"],
    ["[click](javascript:alert(1))", "-click-javascript-alert-1-"],
    ['~"quoted" label', "-quoted- label"],
    ["needs review", "needs review"],
    ["Ünïcode 日本", "Ünïcode 日本"],
  ])("writes %j as %j", (label, written) => {
    expect(quickActionLabel(label)).toBe(written);
  });
});
