import type { EvidenceLink, ExportItem } from "../export-item.js";
import { breakReferences } from "./break-references.js";
import { IMPORT_BOUNDARY_LINE } from "./import-boundary.js";
import { linkableUrl } from "./linkable-url.js";

/** One "name: value" line of a ticket's details; `href` is set where the value may be shown as a link. */
export interface TicketField {
  name: string;
  value: string;
  href: string | null;
}

export interface TicketLink {
  label: string;
  href: string;
}

/**
 * A ticket as the markup writers (Markdown, Jira wiki, HTML, plain text) see it: user text has its mentions and
 * references broken and its line endings normalised, but is not yet escaped for any markup.
 */
export interface TicketContent {
  /** On one line. */
  title: string;
  /** Paragraphs of the description, without blank lines; empty when there is none. */
  paragraphs: string[];
  fields: TicketField[];
  evidence: TicketLink[];
  acceptanceCriteria: string[];
  importBoundary: string;
}

/** User text made ready for a tracker: "\n" line endings, and mentions and references broken. */
export function trackerText(value: string): string {
  return breakReferences(value.replace(/\r\n?/g, "\n"));
}

/**
 * A detail line. When `url` is given and linkable, the value shown is its normalised form, which drops credentials
 * and encodes whatever could break markup; otherwise `value` is shown as text.
 */
export function ticketField(name: string, value: string, url?: string): TicketField {
  const href = url === undefined ? null : linkableUrl(url);
  return { name, value: trackerText(href ?? value), href };
}

/** The source's labels followed by its fingerprint label (unless already there), so every import carries it. */
export function labelsWithFingerprint(item: ExportItem): string[] {
  return item.labels.includes(item.fingerprintLabel) ? [...item.labels] : [...item.labels, item.fingerprintLabel];
}

/** The evidence links that may be shown as links (http(s) only, normalised); the others are dropped. */
export function linkableEvidence(links: EvidenceLink[]): EvidenceLink[] {
  return links.flatMap(({ label, url }) => {
    const href = linkableUrl(url);
    return href === null ? [] : [{ label, url: href }];
  });
}

/** Builds the markup-neutral content of one ticket from an export item. */
export function ticketContent(item: ExportItem): TicketContent {
  return {
    title: trackerText(item.title).replace(/\s*\n\s*/g, " ").trim(),
    paragraphs: trackerText(item.description ?? "")
      .split(/\n[\t ]*\n/)
      .map((paragraph) => paragraph.trim())
      .filter((paragraph) => paragraph !== ""),
    fields: [
      ticketField("Source type", item.sourceType),
      ticketField("Source ID", item.sourceId),
      ticketField("Severity", item.severity),
      ticketField("Priority", item.priority),
      ticketField("Export status", item.exportStatus),
      ticketField("Fingerprint", item.fingerprint),
      ticketField("Fingerprint label", item.fingerprintLabel),
      ticketField("Labels", labelsWithFingerprint(item).join(", ")),
      ticketField("Report", `${item.report.externalId}: ${item.report.title}`),
      ticketField("Report site", item.report.siteUrl, item.report.siteUrl),
      ticketField("Affected URL", item.affectedUrl, item.affectedUrl),
    ],
    evidence: linkableEvidence(item.evidenceLinks).map(({ label, url }) => ({
      label: trackerText(label.trim() === "" ? url : label),
      href: url,
    })),
    acceptanceCriteria: item.acceptanceCriteria.map(trackerText).filter((criterion) => criterion.trim() !== ""),
    importBoundary: IMPORT_BOUNDARY_LINE,
  };
}
