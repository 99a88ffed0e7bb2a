import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OUTPUT_DIR, generateConsoleTypes } from "../../console/scripts/codegen.js";

const consoleDir = new URL("../../console/", import.meta.url);

describe("the console's generated documents", () => {
  it("match what codegen makes from schema/schema.graphql and console/src/graphql (run npm run console:codegen)", async () => {
    const generated = await generateConsoleTypes();
    expect(readdirSync(new URL(OUTPUT_DIR, consoleDir)).sort()).toEqual(generated.map((file) => file.path.slice(OUTPUT_DIR.length)).sort());
    for (const file of generated) expect(readFileSync(new URL(file.path, consoleDir), "utf8"), file.path).toBe(file.content);
  });
});
