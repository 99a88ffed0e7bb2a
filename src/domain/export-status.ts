import { ExportStatus } from "./vocabulary.js";

const { NOT_EXPORTED, PORTABLE_READY, PORTABLE_DOWNLOADED, UNSAFE_BLOCKED, PROVIDER_PENDING, PROVIDER_FAILED } = ExportStatus;

/**
 * The statuses a source may move to each status from. A source only moves forward along
 * NOT_EXPORTED -> PORTABLE_READY -> PORTABLE_DOWNLOADED -> PROVIDER_PENDING -> a provider outcome, with two loops
 * back: a new portable file after a download or a failed native export, and a new native attempt at any time.
 * A source that reached a provider ticket never falls back to a portable status: the ticket exists.
 * UNSAFE_BLOCKED is a side state of NOT_EXPORTED: nothing went out and its text may not; once the text is safe it
 * goes back, and a redacted file or a native attempt moves it on like NOT_EXPORTED.
 */
const PREDECESSORS: Record<ExportStatus, readonly ExportStatus[]> = {
  NOT_EXPORTED: [UNSAFE_BLOCKED],
  PORTABLE_READY: [NOT_EXPORTED, UNSAFE_BLOCKED, PORTABLE_DOWNLOADED, PROVIDER_FAILED],
  PORTABLE_DOWNLOADED: [PORTABLE_READY],
  UNSAFE_BLOCKED: [NOT_EXPORTED],
  PROVIDER_PENDING: Object.values(ExportStatus).filter((status) => status !== PROVIDER_PENDING),
  PROVIDER_EXPORTED: [PROVIDER_PENDING],
  PROVIDER_UPDATED: [PROVIDER_PENDING],
  PROVIDER_LINKED: [PROVIDER_PENDING],
  DUPLICATE_BLOCKED: [PROVIDER_PENDING],
  PROVIDER_FAILED: [PROVIDER_PENDING],
};

/** The statuses from which a source may move to `to`; sources in any other status keep theirs. */
export function predecessorsOf(to: ExportStatus): readonly ExportStatus[] {
  return PREDECESSORS[to];
}

/** True when a source in `from` may move to `to`. */
export function canMove(from: ExportStatus, to: ExportStatus): boolean {
  return PREDECESSORS[to].includes(from);
}
