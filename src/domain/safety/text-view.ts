import type { Detection } from "./rules.js";

/**
 * A text derived from another (normalised, decoded), that knows which characters of the original each of its UTF-16
 * units was made from, so that a finding in the view covers the original characters: redaction then removes what was
 * written (`g\u200Bhp_…`, `%67hp_…`), not only its normal form.
 */
export class TextView {
  constructor(
    readonly text: string,
    /** Original start of each unit; absent when the view is the original text itself. */
    readonly starts?: Int32Array,
    /** Original end (exclusive) of each unit. */
    readonly ends?: Int32Array,
  ) {}

  /** Whether the view is its original text unchanged. */
  get identity(): boolean {
    return this.starts === undefined;
  }

  /** Where the unit at `index` starts in the original. */
  originalStart(index: number): number {
    return this.starts ? this.starts[index] : index;
  }

  /** Where the unit at `index` ends (exclusive) in the original. */
  originalEnd(index: number): number {
    return this.ends ? this.ends[index] : index + 1;
  }

  /** Detections in this view, moved onto the original characters they were made from. */
  toOriginal(detections: readonly Detection[]): Detection[] {
    if (this.identity) return [...detections];
    return detections
      .filter(({ start, end }) => end > start)
      .map(({ rule, start, end }) => ({ rule, start: this.originalStart(start), end: this.originalEnd(end - 1) }));
  }

  /**
   * Builds a view of `source`'s text: parts added in order, each standing for a span of `source`'s text. The result
   * maps onto `source`'s original, whatever views lie between.
   */
  static builder(source: TextView): ViewBuilder {
    return new ViewBuilder(source);
  }
}

/** Assembles a {@link TextView}; see {@link TextView.builder}. */
export class ViewBuilder {
  private readonly parts: string[] = [];
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private length = 0;

  constructor(private readonly source: TextView) {}

  /** Appends `part`, made from `[start, end)` of the source's text. */
  add(part: string, start: number, end: number): void {
    if (part.length === 0) return;
    this.reserve(part.length);
    const from = this.source.originalStart(start);
    const to = this.source.originalEnd(end - 1);
    this.starts.fill(from, this.length, this.length + part.length);
    this.ends.fill(to, this.length, this.length + part.length);
    this.parts.push(part);
    this.length += part.length;
  }

  /** Appends `[start, end)` of the source's text as it is. */
  copy(start: number, end: number): void {
    if (end <= start) return;
    this.reserve(end - start);
    const { starts, ends } = this.source;
    if (starts && ends) {
      this.starts.set(starts.subarray(start, end), this.length);
      this.ends.set(ends.subarray(start, end), this.length);
      this.length += end - start;
    } else {
      for (let i = start; i < end; i += 1, this.length += 1) {
        this.starts[this.length] = i;
        this.ends[this.length] = i + 1;
      }
    }
    this.parts.push(this.source.text.slice(start, end));
  }

  build(): TextView {
    return new TextView(this.parts.join(""), this.starts.subarray(0, this.length), this.ends.subarray(0, this.length));
  }

  private reserve(more: number): void {
    if (this.length + more <= this.starts.length) return;
    const size = Math.max(this.starts.length * 2, this.length + more);
    const grow = (array: Int32Array) => {
      const grown = new Int32Array(size);
      grown.set(array.subarray(0, this.length));
      return grown;
    };
    this.starts = grow(this.starts);
    this.ends = grow(this.ends);
  }
}
