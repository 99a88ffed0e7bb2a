/**
 * What a tracker's importer takes in one file, as its documentation states it (docs/formats.md cites each). The build
 * of an export uses `maxItems` and `maxBytes` to split a file into parts that each import alone; `splittable` is false
 * where that cannot work.
 */
export interface ImportLimits {
  /** The tracker, as a sentence names it. */
  readonly tracker: string;
  /** Most tickets one file may hold; undefined when the importer documents none. */
  readonly maxItems?: number;
  /** Largest file the importer takes, in bytes; undefined when it documents none. */
  readonly maxBytes?: number;
  /** Longest title the dialect writes, in UTF-16 code units (longer ones are cut and listed in full as a detail). */
  readonly maxTitleLength?: number;
  /** Longest description the dialect writes, in UTF-16 code units (see fitToLength). */
  readonly maxDescriptionLength?: number;
  /** False when importing a second part would undo the first (Bitbucket's import replaces the tracker's issues). */
  readonly splittable: boolean;
}

/**
 * The longest title the tracker dialects write: GitLab and Azure DevOps refuse titles over 255 characters and Jira
 * summaries over 255 code units, and no tracker here takes less.
 */
export const TRACKER_TITLE_LENGTH = 255;
