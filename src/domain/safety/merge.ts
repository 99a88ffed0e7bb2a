import { type Detection, ruleRank } from "./rules.js";

/**
 * Merges overlapping detections into one each: the span becomes the union (so that redaction covers every
 * overlapping part) and the rule the most specific one (see the catalogue order in `rules.ts`; ties go to the
 * longer span). Touching but disjoint spans stay separate. Returns the survivors ordered by start.
 */
export function mergeDetections(detections: readonly Detection[]): Detection[] {
  const ordered = [...detections].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Detection[] = [];
  let current: Detection | undefined;
  let best: Detection | undefined;
  for (const detection of ordered) {
    if (current && best && detection.start < current.end) {
      current.end = Math.max(current.end, detection.end);
      if (ruleRank(detection.rule) < ruleRank(best.rule)) best = detection;
      continue;
    }
    if (current && best) merged.push({ ...current, rule: best.rule });
    current = { ...detection };
    best = detection;
  }
  if (current && best) merged.push({ ...current, rule: best.rule });
  return merged;
}
