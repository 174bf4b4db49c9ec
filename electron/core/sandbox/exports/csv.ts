/**
 * CSV as in the Dalenys export samples: `;` delimiter, every field in `"` quotes (embedded
 * quotes doubled), `\n` line ends, a header row first.
 */
function quote(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

export function toCsv(columns: readonly string[], rows: ReadonlyArray<Readonly<Record<string, string>>>, withBom: boolean): string {
  const lines = [columns.map(quote).join(';')];
  for (const row of rows) lines.push(columns.map((column) => quote(row[column] ?? '')).join(';'));
  return `${withBom ? '\uFEFF' : ''}${lines.join('\n')}\n`;
}
