import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildApiSchema, printApiSchema } from "../schema.js";

/** Writes the generated artefacts that are committed: the GraphQL SDL (and, with the renderers, the JSON Schema). */
const target = fileURLToPath(new URL("../../schema/schema.graphql", import.meta.url));
writeFileSync(target, printApiSchema(await buildApiSchema()));
console.log(`wrote ${target}`);
