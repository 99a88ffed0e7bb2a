/** The q-th percentile (0..100) of `values`, by nearest rank. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1))];
}

/** Runs `work` `times` times one after another and returns each duration in milliseconds. */
export async function timeEach(times: number, work: (index: number) => Promise<unknown>): Promise<number[]> {
  const durations: number[] = [];
  for (let index = 0; index < times; index++) {
    const started = performance.now();
    await work(index);
    durations.push(performance.now() - started);
  }
  return durations;
}

/** One line of bench/results/latest.json. */
export interface Result {
  id: string;
  metric: string;
  value: number;
  baseline: number;
  ratio: number;
  target: string;
  met: boolean;
}

/** A result whose ratio (value / baseline) must stay at or under `maxRatio`. */
export function atMostRatio(id: string, metric: string, value: number, baseline: number, maxRatio: number): Result {
  const ratio = value / baseline;
  return { id, metric, value: round(value), baseline: round(baseline), ratio: round(ratio), target: `ratio <= ${maxRatio}`, met: ratio <= maxRatio };
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
