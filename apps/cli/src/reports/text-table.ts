/** A column of a plain-text table: numbers are right-aligned so their digits line up. */
export interface TableColumn {
  header: string;
  align: 'left' | 'right';
}

const GAP = '  ';

/**
 * The lines of a table for a terminal: each column as wide as its widest cell (header included),
 * two spaces between columns, no trailing spaces. Cells are plain ASCII here (ids, stage keys,
 * amounts), so a character is a column.
 */
export const renderTable = (columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string[] => {
  const widths = columns.map((column, i) => Math.max(column.header.length, ...rows.map((row) => row[i].length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (columns[i].align === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(GAP).trimEnd();
  return [line(columns.map((column) => column.header)), ...rows.map(line)];
};
