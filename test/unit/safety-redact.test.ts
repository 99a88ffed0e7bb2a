import { describe, expect, it } from "vitest";
import { redactText, type SafetyFinding, scanText } from "../../src/domain/safety/index.js";
import { positives } from "../fixtures/safety-corpus.js";

const finding = (start: number, end: number, kind: SafetyFinding["kind"] = "SECRET"): SafetyFinding => ({
  field: "description",
  kind,
  rule: "test",
  excerpt: "",
  start,
  end,
});

describe("redactText", () => {
  it("replaces each span with a marker naming its kind in lower case", () => {
    const text = "password=Summer2024! at /home/alice/notes.txt by alice@example.com";
    expect(redactText(text, scanText(text, "description"))).toBe(
      "password=[redacted:secret] at [redacted:private_artifact_path] by [redacted:personal_data]",
    );
  });

  it("returns the text unchanged when there is nothing to redact", () => {
    expect(redactText("nothing here", [])).toBe("nothing here");
  });

  it("redacts overlapping findings given in any order once, under the kind of the earliest", () => {
    const text = "0123456789";
    expect(redactText(text, [finding(4, 8, "PERSONAL_DATA"), finding(2, 6)])).toBe("01[redacted:secret]89");
  });

  it("clips spans that run past the end of the text", () => {
    expect(redactText("abc", [finding(1, 10)])).toBe("a[redacted:secret]");
  });

  it("leaves no sensitive value of the corpus behind, and nothing a rescan would report", () => {
    const leftovers = positives.flatMap(({ text, expect: expected }) => {
      const redacted = redactText(text, scanText(text, "description"));
      const values = expected.filter(({ value }) => redacted.includes(value)).map(({ rule }) => rule);
      const rescan = scanText(redacted, "description").map(({ rule }) => rule);
      return values.length + rescan.length > 0 ? [{ text, values, rescan }] : [];
    });
    expect(leftovers).toEqual([]);
  });
});
