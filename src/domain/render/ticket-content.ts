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
  /** On one line, within the title limit it was built for (the full title is then a detail). */
  title: string;
  /** The first line of every ticket text: the fingerprint label, which native lookup searches for. */
  duplicateGuard: string;
  /** Paragraphs of the description, without blank lines; empty when there is none. */
  paragraphs: string[];
  fields: TicketField[];
  evidence: TicketLink[];
  acceptanceCriteria: string[];
  /** Set when a tracker's length limit made the text shorter: what was left out. */
  shortened: string | null;
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

/**
 * The fingerprint label followed by the source's labels: for a cell that holds them all, so that the cell starts with
 * the label no importer may lose (and never with a character a spreadsheet reads as a formula).
 */
export function fingerprintFirst(item: ExportItem): string[] {
  return [item.fingerprintLabel, ...item.labels.filter((label) => label !== item.fingerprintLabel)];
}

/** The evidence links that may be shown as links (http(s) only, normalised); the others are dropped. */
export function linkableEvidence(links: EvidenceLink[]): EvidenceLink[] {
  return links.flatMap(({ label, url }) => {
    const href = linkableUrl(url);
    return href === null ? [] : [{ label, url: href }];
  });
}

const ELLIPSIS = "\u2026";

/**
 * `text` cut to at most `limit` UTF-16 code units (the unit Jira and JavaScript count), ending in an ellipsis when cut,
 * never between the two halves of a surrogate pair.
 */
export function cutToLength(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let end = limit - ELLIPSIS.length;
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end).trimEnd() + ELLIPSIS;
}

/** The line every ticket text starts with; native lookup finds a hand-imported ticket by the label in it. */
export const duplicateGuardLine = (fingerprintLabel: string) => `Duplicate guard: ${fingerprintLabel}`;

/**
 * Builds the markup-neutral content of one ticket from an export item. With `titleLimit`, a longer title is cut to
 * it and the full title is listed under the details, so nothing is lost.
 */
export function ticketContent(item: ExportItem, titleLimit?: number): TicketContent {
  const fullTitle = trackerText(item.title).replace(/\s*\n\s*/g, " ").trim();
  const title = titleLimit === undefined ? fullTitle : cutToLength(fullTitle, titleLimit);
  return {
    title,
    duplicateGuard: duplicateGuardLine(item.fingerprintLabel),
    paragraphs: trackerText(item.description ?? "")
      .split(/\n[\t ]*\n/)
      .map((paragraph) => paragraph.trim())
      .filter((paragraph) => paragraph !== ""),
    fields: [
      ...(title === fullTitle ? [] : [{ name: "Title", value: fullTitle, href: null }]),
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
    shortened: null,
    importBoundary: IMPORT_BOUNDARY_LINE,
  };
}
