import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderJsonExportSchema } from "../domain/render/index.js";
import { buildApiSchema, printApiSchema } from "../schema.js";

/** Writes the committed, generated artefacts: the GraphQL SDL and the JSON Schema of json_export documents. */
const artefacts: [string, string][] = [
  ["schema.graphql", printApiSchema(await buildApiSchema())],
  ["json-export.schema.json", renderJsonExportSchema()],
];
for (const [name, text] of artefacts) {
  const target = fileURLToPath(new URL(`../../schema/${name}`, import.meta.url));
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
