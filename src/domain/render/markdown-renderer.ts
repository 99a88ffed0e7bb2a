import type { ExportItem } from "../export-item.js";
import { IMPORT_BOUNDARY_LINE } from "./import-boundary.js";
import { TRACKER_TITLE_LENGTH } from "./import-limits.js";
import { markdownOf } from "./markup/markdown.js";
import { ticketContent, ticketField, trackerText } from "./ticket-content.js";
import { bodyLayout } from "./ticket-layout.js";
import type { ExportMeta, FileRenderer } from "./types.js";

/**
 * Markdown (CommonMark with GFM task lists): a preamble, then one ticket body per source after a thematic break: the
 * format a person pastes into a tracker without a file importer (GitHub, Trello). Each body carries the duplicate
 * guard line and the import-boundary line itself, because it is pasted on its own; its title heading is cut to the
 * tracker title limit like the CSV dialects' (the full title is then a detail).
 */
export const markdownRenderer: FileRenderer = {
  contentType: "text/markdown; charset=utf-8",
  fileExtension: "md",
  begin: (meta: ExportMeta) =>
    markdownOf([
      { kind: "heading", depth: 1, text: trackerText(`Ticket export: ${meta.report.title}`) },
      { kind: "note", text: IMPORT_BOUNDARY_LINE },
      {
        kind: "fields",
        fields: [
          ticketField("Export", meta.exportId),
          ticketField("Organization", meta.organization),
          ticketField("Created", meta.createdAt.toISOString()),
          ticketField("Report", `${meta.report.externalId}: ${meta.report.title}`),
          ticketField("Report site", meta.report.siteUrl, meta.report.siteUrl),
          ticketField("Format", `${meta.format} (${meta.dialect})`),
          ticketField("Why this format", meta.formatReason),
          ticketField("Tickets", String(meta.itemCount)),
        ],
      },
    ]),
  item: (item: ExportItem) => `\n${markdownOf(bodyLayout(ticketContent(item, TRACKER_TITLE_LENGTH)), true)}`,
  end: () => "",
};
