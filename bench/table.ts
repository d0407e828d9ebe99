// A plain-text table, for a terminal or a CI log: numbers right-aligned.
// Why: a section says once what each column shows.
export type Column<Row> = { header: string; cell(row: Row): string | number };

// Why: every section prints its rows the same way.
export function formatTable<Row>(columns: Column<Row>[], rows: Row[]): string {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((row) => String(row[i]).length)));
  const line = (values: (string | number)[]) =>
    values
      .map((value, i) => (typeof value === 'number' ? String(value).padStart(widths[i]!) : value.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.header)), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(line)].join('\n');
}
