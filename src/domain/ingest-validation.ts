import { badInput } from "../errors.js";
import type { EvidenceLink } from "./export-item.js";
import { LIST_LIMITS, SOURCE_LIMITS, TEXT_LIMITS, list, text } from "./input-rules.js";
import type { Priority, Severity, SourceType } from "./vocabulary.js";

export interface IngestSourceDraft {
  sourceType: SourceType;
  sourceId: string;
  title: string;
  severity: Severity;
  priority?: Priority | null;
  affectedUrl: string;
  labels?: string[] | null;
  acceptanceCriteria?: string[] | null;
  description?: string | null;
  evidenceLinks?: EvidenceLink[] | null;
}

export interface IngestDraft {
  externalId: string;
  title: string;
  siteUrl: string;
  sources: IngestSourceDraft[];
}

/** A source as stored: optional lists present, priority decided. */
export type ValidSource = { [K in keyof Omit<IngestSourceDraft, "description">]-?: NonNullable<IngestSourceDraft[K]> } & {
  description: string | null;
};

export interface ValidIngest {
  externalId: string;
  title: string;
  siteUrl: string;
  sources: ValidSource[];
}

const PRIORITY_OF_SEVERITY: Record<Severity, Priority> = {
  CRITICAL: "URGENT",
  HIGH: "HIGH",
  MEDIUM: "MEDIUM",
  LOW: "LOW",
  INFO: "LOW",
};

/** The priority a source gets when the scanner sends none. */
export function defaultPriority(severity: Severity): Priority {
  return PRIORITY_OF_SEVERITY[severity];
}

/** An absolute http(s) URL with a host, at most 2,048 characters. */
export function httpUrl(field: string, value: string): string {
  const trimmed = text(field, value, TEXT_LIMITS.url);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw badInput(field, `must be an absolute http(s) URL, got "${trimmed.slice(0, 80)}".`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw badInput(field, `must be an http(s) URL, got a ${url.protocol.replace(":", "")} URL.`);
  }
  if (!url.hostname) throw badInput(field, "must name a host.");
  return trimmed;
}

function validSource(source: IngestSourceDraft, path: string): ValidSource {
  return {
    sourceType: source.sourceType,
    // One form for one id: the fingerprint is computed from NFC, so lookups and the repeat check must see NFC too.
    sourceId: text(`${path}.sourceId`, source.sourceId, TEXT_LIMITS.id).normalize("NFC"),
    title: text(`${path}.title`, source.title, TEXT_LIMITS.title),
    severity: source.severity,
    priority: source.priority ?? defaultPriority(source.severity),
    affectedUrl: httpUrl(`${path}.affectedUrl`, source.affectedUrl),
    labels: list(`${path}.labels`, source.labels, LIST_LIMITS.labels, (label, at) => text(at, label, TEXT_LIMITS.label)),
    acceptanceCriteria: list(`${path}.acceptanceCriteria`, source.acceptanceCriteria, LIST_LIMITS.acceptanceCriteria, (item, at) =>
      text(at, item, TEXT_LIMITS.criterion),
    ),
    description:
      source.description == null
        ? null
        : text(`${path}.description`, source.description, TEXT_LIMITS.description, { required: false }) || null,
    // Any scheme is accepted here and kept as evidence; only http(s) links clean of findings ever reach a file.
    evidenceLinks: list(`${path}.evidenceLinks`, source.evidenceLinks, LIST_LIMITS.evidenceLinks, (link, at) => ({
      label: text(`${at}.label`, link.label, TEXT_LIMITS.title),
      url: text(`${at}.url`, link.url, TEXT_LIMITS.url),
    })),
  };
}

/**
 * Checks an ingest call and returns it normalised (trimmed text, default priorities).
 * @throws DomainError BAD_USER_INPUT naming the first field at fault, as a path from `input`.
 */
export function validateIngest(input: IngestDraft): ValidIngest {
  if (input.sources.length > SOURCE_LIMITS.perIngest) {
    throw badInput(
      "input.sources",
      `takes at most ${SOURCE_LIMITS.perIngest} sources per call, got ${input.sources.length}; ingest a larger report in several calls with the same externalId.`,
    );
  }
  const sources = input.sources.map((source, index) => validSource(source, `input.sources[${index}]`));
  const seen = new Map<string, number>();
  sources.forEach((source, index) => {
    const key = `${source.sourceType}\u0000${source.sourceId}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw badInput(
        `input.sources[${index}].sourceId`,
        `repeats ${source.sourceType} "${source.sourceId}" of input.sources[${first}]; send each source once.`,
      );
    }
    seen.set(key, index);
  });
  return {
    externalId: text("input.externalId", input.externalId, TEXT_LIMITS.id),
    title: text("input.title", input.title, TEXT_LIMITS.title),
    siteUrl: httpUrl("input.siteUrl", input.siteUrl),
    sources,
  };
}
