/**
 * The committed knowledge data (registry/data/*.tsv): `# key: value` header lines, one `# columns:` line, then one
 * tab-separated row per record. Plain text so a new upstream release reads as a reviewable diff.
 */
export interface Tsv {
  meta: Record<string, string>;
  columns: string[];
  rows: string[][];
}

/** A cell: no tabs or line breaks, surrounding space trimmed. */
export function cell(value: string | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

export function writeTsv(tsv: Tsv): string {
  const head = Object.entries(tsv.meta).map(([k, v]) => `# ${k}: ${cell(v)}`);
  return (
    [...head, `# columns: ${tsv.columns.join('\t')}`, ...tsv.rows.map((r) => r.map(cell).join('\t'))].join('\n') + '\n'
  );
}

/** Parses what writeTsv wrote; a row with the wrong number of cells is an error naming its line. */
export function parseTsv(text: string): Tsv {
  const meta: Record<string, string> = {};
  let columns: string[] = [];
  const rows: string[][] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = /^#\s*([\w-]+):\s?(.*)$/.exec(line);
      if (!m) continue;
      if (m[1] === 'columns') columns = m[2]!.split('\t');
      else meta[m[1]!] = m[2]!;
      continue;
    }
    const row = line.split('\t');
    if (columns.length === 0) throw new Error(`line ${i + 1}: a row before the "# columns:" line`);
    if (row.length !== columns.length)
      throw new Error(`line ${i + 1}: ${row.length} cells, expected ${columns.length} (${columns.join(', ')})`);
    rows.push(row);
  }
  return { meta, columns, rows };
}

/** Rows as records keyed by column name. */
export function records(tsv: Tsv): Record<string, string>[] {
  return tsv.rows.map((r) => Object.fromEntries(tsv.columns.map((c, i) => [c, r[i] ?? ''])));
}
