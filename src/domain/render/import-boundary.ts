/**
 * The sentence every portable file carries, once per ticket where a ticket can travel alone: a download is a handoff,
 * never evidence that anything was fixed.
 */
export const IMPORT_BOUNDARY_LINE =
  "Import boundary: the customer owns this import, and this file is not proof of remediation.";
