import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildApiSchema, printApiSchema } from "../../src/schema.js";

describe("generated artefacts", () => {
  it("keeps schema/schema.graphql identical to the schema the code builds (run npm run schema)", async () => {
    const committed = readFileSync(new URL("../../schema/schema.graphql", import.meta.url), "utf8");
    expect(printApiSchema(await buildApiSchema())).toBe(committed);
  });
});
