import { enumValues, ExportStatus, Priority, Severity, SourceType } from "../vocabulary.js";

/** The `$id` of the schema, also written as `$schema` at the top of every JSON export. */
export const JSON_EXPORT_SCHEMA_ID = "urn:ticket-exports:schema:json-export:1.0";
export const JSON_EXPORT_SCHEMA_VERSION = "1.0";

const text = { type: "string" } as const;
const nonEmpty = { type: "string", minLength: 1 } as const;
const strictObject = (properties: Record<string, object>) => ({
  type: "object",
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
});

const report = strictObject({ externalId: nonEmpty, title: text, siteUrl: text });

/**
 * JSON Schema (draft 2020-12) of a json_export document, published as `schema/json-export.schema.json`. Every object
 * is closed (additionalProperties false), so a renderer that drifts from it fails validation.
 */
export const jsonExportSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: JSON_EXPORT_SCHEMA_ID,
  title: "Portable ticket export (JSON)",
  description:
    "Sources of one scan report handed off for import into a tracker. " +
    "The customer owns the import; the file is not proof of remediation.",
  ...strictObject({
    schemaVersion: { const: JSON_EXPORT_SCHEMA_VERSION },
    $schema: { const: JSON_EXPORT_SCHEMA_ID },
    export: strictObject({
      id: nonEmpty,
      organization: nonEmpty,
      createdAt: { type: "string", format: "date-time" },
      format: { const: "JSON_EXPORT" },
      dialect: { const: "v1" },
      formatReason: text,
      itemCount: { type: "integer", minimum: 0 },
      report,
    }),
    importBoundary: nonEmpty,
    items: {
      type: "array",
      items: strictObject({
        sourceType: { enum: enumValues(SourceType) },
        sourceId: nonEmpty,
        title: text,
        severity: { enum: enumValues(Severity) },
        priority: { enum: enumValues(Priority) },
        exportStatus: { enum: enumValues(ExportStatus) },
        fingerprint: nonEmpty,
        fingerprintLabel: nonEmpty,
        labels: {
          description: "The source's labels followed by the fingerprint label.",
          type: "array",
          items: text,
          contains: { type: "string" },
        },
        affectedUrl: text,
        description: { type: ["string", "null"] },
        acceptanceCriteria: { type: "array", items: text },
        evidenceLinks: {
          description: "Only http(s) links, normalised.",
          type: "array",
          items: strictObject({ label: text, url: { type: "string", format: "uri", pattern: "^https?://" } }),
        },
        report,
      }),
    },
  }),
};

/** The published schema file's exact text: `schema/json-export.schema.json` must equal it. */
export function renderJsonExportSchema(): string {
  return `${JSON.stringify(jsonExportSchema, null, 2)}\n`;
}
