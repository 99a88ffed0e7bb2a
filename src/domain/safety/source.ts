import type { EvidenceLink, SourceContent } from "../export-item.js";
import { SafetyFindingKind } from "../vocabulary.js";
import { redactText } from "./redact.js";
import { type SafetyFinding, scanText } from "./scan.js";

/** Field names as findings carry them: `labels[0]`, `evidenceLinks[1].url`. */
const itemField = (list: string, index: number) => `${list}[${index}]`;
const linkField = (index: number, part: keyof EvidenceLink) => `${itemField("evidenceLinks", index)}.${part}`;

type FieldText = [field: string, text: string];

const listTexts = (list: string, items: readonly string[]): FieldText[] =>
  items.map((item, i) => [itemField(list, i), item]);

/**
 * The field a source's stable id is reported under. Every file writes the id and the duplicate fingerprint is computed
 * from it, so redaction cannot change it: a finding here blocks an export even when redaction is requested.
 */
export const SOURCE_ID_FIELD = "sourceId";

/** What a person must do about a finding in {@link SOURCE_ID_FIELD}, for messages that block an export. */
export const SOURCE_ID_REMEDY =
  `A ${SOURCE_ID_FIELD} is written into every file and the duplicate fingerprint is computed from it, so redaction ` +
  `cannot remove it: change the id at the source (the scanner that produced the report) and ingest the report again.`;

/** Every exported text of a source with its field name, in a stable order. */
function sourceTexts(source: SourceContent): FieldText[] {
  return [
    ["title", source.title],
    ...(source.description === null ? [] : [["description", source.description] as FieldText]),
    ["affectedUrl", source.affectedUrl],
    ...listTexts("labels", source.labels),
    ...listTexts("acceptanceCriteria", source.acceptanceCriteria),
    ...source.evidenceLinks.flatMap((link, i): FieldText[] => [
      [linkField(i, "url"), link.url],
      [linkField(i, "label"), link.label],
    ]),
  ];
}

/**
 * Findings in a source id. Scanners commonly number their findings, so an id made of digits alone is an id even when
 * it happens to pass as a card number (a 16-digit id starting with 4 does one time in ten).
 */
function scanSourceId(sourceId: string): SafetyFinding[] {
  const numericId = /^\d+$/.test(sourceId);
  return scanText(sourceId, SOURCE_ID_FIELD).filter((finding) => !(numericId && finding.rule === "credit-card"));
}

/**
 * Scans every exported field of a source. Field names: "sourceId", "title", "description", "affectedUrl",
 * "labels[0]", "acceptanceCriteria[2]", "evidenceLinks[1].url", "evidenceLinks[1].label". The affected URL is scanned
 * whole, query string included. Findings in "sourceId" cannot be redacted (see {@link blockingFindings}).
 */
export function scanSource(source: SourceContent): SafetyFinding[] {
  return [...scanSourceId(source.sourceId), ...sourceTexts(source).flatMap(([field, text]) => scanText(text, field))];
}

/** Whether redaction can remove a finding: every one can except those in {@link SOURCE_ID_FIELD}. */
export function isRedactable(finding: Pick<SafetyFinding, "field">): boolean {
  return finding.field !== SOURCE_ID_FIELD;
}

/**
 * The findings that block an export of the source they were found in: all of them, or with `redact` those that
 * redaction cannot remove ({@link isRedactable}).
 */
export function blockingFindings<F extends Pick<SafetyFinding, "field">>(findings: readonly F[], redact: boolean): F[] {
  return redact ? findings.filter((finding) => !isRedactable(finding)) : [...findings];
}

/**
 * Returns a copy of the source with every finding redacted, field by field. Evidence links that are not
 * evidence-safe are NOT redacted but dropped: those {@link partitionEvidenceLinks} drops, and those any of
 * `findings` points into. `findings` defaults to {@link scanSource} of the source. The source id is copied as it is:
 * findings in it are not redactable, and the caller must refuse the export instead ({@link blockingFindings}).
 */
export function redactSource(
  source: SourceContent,
  findings: readonly SafetyFinding[] = scanSource(source),
): SourceContent {
  const byField = new Map<string, SafetyFinding[]>();
  for (const finding of findings) {
    const list = byField.get(finding.field) ?? [];
    list.push(finding);
    byField.set(finding.field, list);
  }
  const redact = (field: string, text: string) => redactText(text, byField.get(field) ?? []);
  const redactList = (list: string, items: readonly string[]) => items.map((item, i) => redact(itemField(list, i), item));
  const dropped = new Set(partitionEvidenceLinks(source.evidenceLinks).dropped.map(({ index }) => index));
  return {
    sourceId: source.sourceId,
    title: redact("title", source.title),
    description: source.description === null ? null : redact("description", source.description),
    affectedUrl: redact("affectedUrl", source.affectedUrl),
    labels: redactList("labels", source.labels),
    acceptanceCriteria: redactList("acceptanceCriteria", source.acceptanceCriteria),
    evidenceLinks: source.evidenceLinks
      .filter((_, i) => !dropped.has(i) && !byField.has(linkField(i, "url")) && !byField.has(linkField(i, "label")))
      .map((link) => ({ ...link })),
  };
}

const KIND_PHRASES: Record<SafetyFindingKind, string> = {
  [SafetyFindingKind.SECRET]: "a secret",
  [SafetyFindingKind.PRIVATE_ARTIFACT_PATH]: "a private artifact path",
  [SafetyFindingKind.PERSONAL_DATA]: "personal data",
};

/**
 * Evidence-safe links: http(s) only and clean under every detector (url and label). Returns kept links and the
 * dropped ones with why; a reason names the part and the rule (`url holds a secret (github-token)`), never the value.
 */
export function partitionEvidenceLinks(links: readonly EvidenceLink[]): {
  safe: EvidenceLink[];
  dropped: { link: EvidenceLink; index: number; reason: string }[];
} {
  const safe: EvidenceLink[] = [];
  const dropped: { link: EvidenceLink; index: number; reason: string }[] = [];
  links.forEach((link, index) => {
    const reason = unsafeReason(link);
    if (reason) dropped.push({ link, index, reason });
    else safe.push(link);
  });
  return { safe, dropped };
}

function unsafeReason(link: EvidenceLink): string | undefined {
  if (!isHttpUrl(link.url)) return "url is not an absolute http(s) URL";
  for (const part of ["url", "label"] as const) {
    const [finding] = scanText(link[part], part);
    if (finding) return `${part} holds ${KIND_PHRASES[finding.kind]} (${finding.rule})`;
  }
  return undefined;
}

const isHttpUrl = (url: string): boolean => {
  if (!/^https?:\/\/\S+$/i.test(url)) return false;
  try {
    return ["http:", "https:"].includes(new URL(url).protocol);
  } catch {
    return false;
  }
};
