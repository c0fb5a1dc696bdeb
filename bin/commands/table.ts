/** A plain text table: the first row is the header; numbers right-aligned, text left-aligned. */
export function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  const numeric = rows[0].map((_, col) => rows.slice(1).every((row) => /^[-\d.,]+[%Mkx]?$|^-$/.test(row[col] ?? '')));
  return rows
    .map((row) => row.map((cell, col) => (numeric[col] ? cell.padStart(widths[col]) : cell.padEnd(widths[col]))).join('  ').trimEnd())
    .join('\n');
}
