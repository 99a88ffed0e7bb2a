import type { ComponentChildren } from "preact";

type Attributes = Record<`data-${string}`, string>;

export interface Column<T> {
  label: string;
  class?: string;
  cell(row: T): ComponentChildren;
  /** data-* attributes of the cell, for styling and tests. */
  data?(row: T): Attributes;
}

/**
 * A captioned table with a header row; each cell carries its column's label in data-label, which the narrow layout
 * shows above the value when rows become cards.
 */
export function DataTable<T>(props: {
  class: string;
  caption: string;
  /** Typed by `rows`: the row type is inferred from the rows alone. */
  columns: Column<NoInfer<T>>[];
  rows: readonly T[];
  rowKey(row: NoInfer<T>, index: number): string;
  rowData?(row: NoInfer<T>): Attributes;
}) {
  return (
    <table class={props.class}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th key={column.label} scope="col" class={column.class}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, index) => (
          <tr key={props.rowKey(row, index)} {...props.rowData?.(row)}>
            {props.columns.map((column) => (
              <td key={column.label} data-label={column.label} class={column.class} {...column.data?.(row)}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The scanner's id of the row's source: every table of items, decisions, findings and deliveries has one. */
export const SOURCE_ID_COLUMN: Column<{ source: { sourceId: string } }> = {
  label: "Source id",
  cell: (row) => <code class="source-id">{row.source.sourceId}</code>,
};
