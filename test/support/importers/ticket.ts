import { parse, type Options } from "csv-parse/sync";

/** A ticket as a tracker's importer creates it from a file. */
export interface ImportedTicket {
  title: string;
  description: string;
  /** The labels or tags the importer applies; empty where it imports none. */
  labels: string[];
  /** The other fields it sets, by the importer's own names. */
  fields: Record<string, string>;
}

/** The importer refuses the file (or a row of it), as the rule cited in `message` says it would. */
export class ImportRefused extends Error {}

/** Throws ImportRefused with `message` unless `condition` holds. */
export function rule(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ImportRefused(message);
}

/**
 * The records of a CSV file, parsed strictly (quotes must balance, every record as wide as the header) with the
 * options that make csv-parse read like the importer's own parser.
 */
export function csvRecords(text: string, options: Options = {}): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: false, ...options }) as string[][];
  } catch (error) {
    throw new ImportRefused(`not a well-formed CSV file: ${(error as Error).message}`);
  }
}

/** The cells of `row` under `name` (several where the header repeats it). */
export function cellsUnder(header: string[], row: string[], name: string): string[] {
  return row.filter((_, index) => header[index] === name);
}

/** The one cell of `row` under `name`, or "" when the header has no such column. */
export const cellUnder = (header: string[], row: string[], name: string) => cellsUnder(header, row, name)[0] ?? "";
