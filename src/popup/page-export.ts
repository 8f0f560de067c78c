import type { PageItem } from '../core/page-items.ts';

export type PageExportFormat = 'secids' | 'markdown' | 'csv';

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet (a leading = + - @ gets a '). */
function cell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function mdLabel(s: string): string {
  return s.replace(/[\\[\]]/g, (c) => `\\${c}`);
}

/** Every item of "On this page" in one text: SecIDs one a line, a Markdown list of links, or CSV with a header. */
export function exportPageItems(items: readonly PageItem[], format: PageExportFormat): string {
  switch (format) {
    case 'secids':
      return items.map((i) => i.secid ?? i.text).join('\n');
    case 'markdown':
      return items
        .map((i) => {
          const label = mdLabel([i.text, i.title].filter(Boolean).join(' '));
          return i.url
            ? `- [${label}](${i.url
                .replace(/[()\s]/g, encodeURIComponent)
                .replace(/\(/g, '%28')
                .replace(/\)/g, '%29')})`
            : `- ${label}`;
        })
        .join('\n');
    case 'csv': {
      const rows = [['id', 'title', 'secid', 'url', 'count', 'spellings'].join(',')];
      for (const i of items) {
        rows.push(
          [
            i.text,
            i.title ?? '',
            i.secid ?? '',
            i.url ?? '',
            i.count,
            i.spellings.map((s) => `${s.text} x${s.count}`).join('; '),
          ]
            .map(cell)
            .join(','),
        );
      }
      return rows.join('\r\n');
    }
  }
}
