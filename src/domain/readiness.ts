import { nativeUnavailable, portableAllowed, type Decision } from "./fallback-decision.js";
import { FallbackOutcome, type ExportStatus, type FileFormat } from "./vocabulary.js";

/** The ready and blocked states of the design, shown on every source and every preview. */
export interface Readiness {
  portableReady: boolean;
  providerUnavailable: boolean;
  duplicateGuardReady: boolean;
  importBoundaryClear: boolean;
  unsafePreviewBlocked: boolean;
}

export interface ReadinessInput {
  sourceType: string | null;
  sourceId: string | null;
  exportStatus: ExportStatus | null;
  /** The format a preview or export would use; null while none is chosen. */
  format: FileFormat | null;
  /** The latest recorded or a freshly computed decision; null while the provider question was never asked. */
  decision: Decision | null;
  fingerprint: string | null;
  importBoundaryAcknowledged: boolean;
  /** Safety findings that will not be redacted. */
  unsafeFindings: number;
}

/**
 * Computes the five states of one source (docs/decisions.md). Without a decision the provider question is
 * unanswered: portableReady and providerUnavailable are then both false rather than guessed. A BLOCKED decision or
 * any unredacted finding keeps portableReady false.
 */
export function computeReadiness(input: ReadinessInput): Readiness {
  const { decision } = input;
  const unsafePreviewBlocked = input.unsafeFindings > 0;
  const identified = present(input.sourceType) && present(input.sourceId);
  return {
    portableReady:
      identified &&
      input.format !== null &&
      input.exportStatus !== null &&
      !unsafePreviewBlocked &&
      decision !== null &&
      decision.outcome !== FallbackOutcome.BLOCKED &&
      portableAllowed(decision),
    providerUnavailable: decision !== null && nativeUnavailable(decision),
    duplicateGuardReady: present(input.sourceId) && present(input.fingerprint),
    importBoundaryClear: input.importBoundaryAcknowledged,
    unsafePreviewBlocked,
  };
}

/** Blank identifiers identify nothing, so they count as missing. */
function present(value: string | null): boolean {
  return value !== null && value.trim() !== "";
}
