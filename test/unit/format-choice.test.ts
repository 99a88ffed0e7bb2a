import { describe, expect, it } from "vitest";
import { chooseFormat } from "../../src/domain/format-choice.js";
import { createRenderer } from "../../src/domain/render/index.js";
import { Provider, type ExportFormat } from "../../src/domain/vocabulary.js";
import { TRACKER_FILES } from "../support/importers/index.js";

const two = [{ sourceType: "REPORT_ISSUE" as const }, { sourceType: "FIX_TASK" as const }];
const one = [{ sourceType: "REPORT_ISSUE" as const }];

describe("chooseFormat for a portable export", () => {
  it.each([
    ["JIRA", "jira", "Jira"],
    ["GITLAB", "gitlab", "GitLab"],
    ["AZURE_DEVOPS", "azure-devops", "Azure DevOps"],
    ["LINEAR", "linear", "Linear"],
    ["YOUTRACK", "youtrack", "YouTrack"],
    ["ASANA", "asana", "Asana"],
    ["CLICKUP", "clickup", "ClickUp"],
  ] as const)("picks CSV in the %s dialect because that tracker imports CSV", (tracker, dialect, name) => {
    expect(chooseFormat("PORTABLE_EXPORT", tracker, two)).toEqual({
      format: "CSV_EXPORT",
      dialect,
      reason: `${name} imports CSV, so the file is a CSV in ${name}'s column layout, ready for its importer.`,
    });
  });

  it.each([
    ["GITHUB", "GitHub has no file importer for issues"],
    ["TRELLO", "Trello has no file importer for cards"],
  ] as const)("picks Markdown sections to paste for %s, which has no file importer", (tracker, opening) => {
    expect(chooseFormat("PORTABLE_EXPORT", tracker, two)).toEqual({
      format: "MARKDOWN_EXPORT",
      dialect: "gfm",
      reason: `${opening}, so the file holds one Markdown section per source to paste, each with its duplicate guard line.`,
    });
  });

  it("picks Markdown sections to paste for Bitbucket, whose archive import replaces every issue of the tracker", () => {
    expect(chooseFormat("PORTABLE_EXPORT", "BITBUCKET", two)).toMatchObject({ format: "MARKDOWN_EXPORT", dialect: "gfm" });
    expect(chooseFormat("PORTABLE_EXPORT", "BITBUCKET", two).reason).toMatch(/^Bitbucket Cloud imports issues only by replacing every issue/);
  });

  it("picks, for each of the ten trackers, the file its importer takes or a person pastes", () => {
    for (const [tracker, file] of Object.entries(TRACKER_FILES)) {
      const expected = tracker === "BITBUCKET" ? { format: "MARKDOWN_EXPORT", dialect: "gfm" } : { format: file.format, dialect: file.dialect };
      expect(chooseFormat("PORTABLE_EXPORT", tracker as Provider, two)).toMatchObject(expected);
    }
  });

  it("picks the generic CSV for another tracker, whose importer maps columns by name", () => {
    expect(chooseFormat("PORTABLE_EXPORT", "OTHER", one)).toMatchObject({ format: "CSV_EXPORT", dialect: "generic" });
  });

  it("picks the Excel-oriented CSV for spreadsheet review when no tracker is named", () => {
    expect(chooseFormat("PORTABLE_EXPORT", null, two)).toMatchObject({
      format: "CSV_EXPORT",
      dialect: "generic-excel",
    });
  });

  it("picks one Markdown body when no tracker is named and there is a single source", () => {
    expect(chooseFormat("PORTABLE_EXPORT", null, one)).toMatchObject({ format: "MARKDOWN_EXPORT", dialect: "gfm" });
  });
});

describe("chooseFormat for an explicit format", () => {
  it("keeps CSV and takes the tracker's dialect when it imports CSV", () => {
    expect(chooseFormat("CSV_EXPORT", "LINEAR", two)).toMatchObject({ format: "CSV_EXPORT", dialect: "linear" });
  });

  it.each([null, "GITHUB", "TRELLO", "BITBUCKET", "OTHER"] as const)("keeps CSV in the generic dialect for tracker %s", (tracker) => {
    expect(chooseFormat("CSV_EXPORT", tracker, two)).toMatchObject({ format: "CSV_EXPORT", dialect: "generic" });
  });

  it("writes JSON for Bitbucket as the db-2.0.json of its issue-import archive, and says what its import replaces", () => {
    expect(chooseFormat("JSON_EXPORT", "BITBUCKET", two)).toEqual({
      format: "JSON_EXPORT",
      dialect: "bitbucket-issues",
      reason:
        "JSON was requested for Bitbucket Cloud, so the file is the db-2.0.json its issue import reads from a zip " +
        "archive; importing it replaces every issue already in the repository's tracker.",
    });
  });

  it.each([
    ["MARKDOWN_EXPORT", "gfm"],
    ["JSON_EXPORT", "v1"],
  ] as const)("keeps %s, whatever the tracker", (format, dialect) => {
    for (const tracker of [null, "JIRA", "GITHUB"] as const) {
      expect(chooseFormat(format, tracker, two)).toMatchObject({ format, dialect });
    }
  });
});

describe("every choice", () => {
  const requests: ExportFormat[] = ["PORTABLE_EXPORT", "CSV_EXPORT", "MARKDOWN_EXPORT", "JSON_EXPORT"];
  const trackers: (Provider | null)[] = [null, ...Object.values(Provider)];
  const choices = requests.flatMap((requested) =>
    trackers.flatMap((tracker) => [one, two].map((sources) => chooseFormat(requested, tracker, sources))),
  );

  it("names a dialect that has a renderer", () => {
    for (const choice of choices) expect(() => createRenderer(choice.format, choice.dialect)).not.toThrow();
  });

  it("gives its reason as one sentence", () => {
    for (const { reason } of choices) expect(reason).toMatch(/^[A-Z][^.]*(\.[^ .][^.]*)*\.$/);
  });
});
