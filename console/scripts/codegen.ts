import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { preset, type ClientPresetConfig } from "@graphql-codegen/client-preset";
import { codegen } from "@graphql-codegen/core";
import { buildASTSchema, parse } from "graphql";

const consoleDir = fileURLToPath(new URL("../", import.meta.url));
const schemaFile = fileURLToPath(new URL("../../schema/schema.graphql", import.meta.url));
const documentsDir = join(consoleDir, "src/graphql");
/** Where the typed documents go, relative to console/; committed and checked for drift like the schema. */
export const OUTPUT_DIR = "src/gql/";

/**
 * Generates the console's typed documents with GraphQL Code Generator's client preset, from the committed
 * `schema/schema.graphql` and the operations in `console/src/graphql/*.graphql`: string documents (no graphql-js
 * in the bundle), enums as string unions, DateTime as an ISO string. Documents that do not validate against the
 * schema throw. Returns the files, paths relative to console/, without writing them.
 */
export async function generateConsoleTypes(): Promise<{ path: string; content: string }[]> {
  const schema = parse(readFileSync(schemaFile, "utf8"));
  const documents = readdirSync(documentsDir)
    .filter((name) => name.endsWith(".graphql"))
    .sort()
    .map((name) => {
      const rawSDL = readFileSync(join(documentsDir, name), "utf8");
      return { location: relative(consoleDir, join(documentsDir, name)), rawSDL, document: parse(rawSDL) };
    });
  const config = {
    documentMode: "string",
    useTypeImports: true,
    strictScalars: true,
    scalars: { DateTime: "string", ID: "string" },
  };
  const presetConfig: ClientPresetConfig = { fragmentMasking: false };
  const outputs = await preset.buildGeneratesSection({
    baseOutputDir: OUTPUT_DIR,
    schema,
    schemaAst: buildASTSchema(schema),
    documents,
    plugins: [],
    pluginMap: {},
    config,
    presetConfig,
  });
  return Promise.all(outputs.map(async (output) => ({ path: output.filename, content: await codegen(output) })));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const file of await generateConsoleTypes()) {
    const target = join(consoleDir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    console.log(`wrote ${relative(process.cwd(), target)}`);
  }
}
