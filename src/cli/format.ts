import type { ResolveResponse, ResolveResult } from '../core/resolve-types.ts';
import type { ScanHit } from '../core/scan.ts';
import type { SearchHit } from '../core/search.ts';
import { listName } from '../core/list-name.ts';

/** Plain-text renderings for the terminal. Colour only when stdout is a TTY and NO_COLOR is unset. */
const useColour = process.stdout.isTTY === true && !process.env.NO_COLOR;
const paint = (code: string) => (s: string) => (useColour ? `\u001b[${code}m${s}\u001b[0m` : s);
export const bold = paint('1');
export const dim = paint('2');
const green = paint('32');
const yellow = paint('33');
const red = paint('31');

export function statusLabel(status: string): string {
  if (status === 'found') return green(status);
  if (status === 'corrected' || status === 'related') return yellow(status);
  return red(status);
}

export function formatCard(r: ResolveResult): string {
  const lines: string[] = [];
  const head = r.id ? `${bold(r.id)}${r.title ? `  ${r.title}` : ''}` : bold(r.title ?? r.secid);
  lines.push(r.known_exploited ? `${head}  ${red('[known exploited]')}` : head);
  const list = listName(r, 'current');
  if (list && r.id) lines.push(`  ${list}${r.kind ? ` · ${r.kind}` : ''}`);
  if (r.item_status)
    lines.push(
      yellow(
        `  ${r.item_status === 'revoked' ? 'Revoked' : 'Deprecated'} by its publisher` +
          (r.replaced_by
            ? `; replaced by ${r.replaced_by.secid}${r.replaced_by.title ? `  ${r.replaced_by.title}` : ''}`
            : ''),
      ),
    );
  const kev = r.known_exploited;
  if (kev)
    lines.push(
      `  Known exploited: in CISA KEV${kev.date_added ? ` since ${kev.date_added}` : ''}${kev.ransomware ? '; known use in ransomware campaigns' : ''}`,
    );
  for (const f of r.facts ?? []) lines.push(`  ${f.label}: ${f.value}`);
  lines.push(`  ${r.secid}`);
  if (r.secid_v1 !== r.secid) lines.push(dim(`  SecID 1.0: ${r.secid_v1}`));
  if (r.url) lines.push(`  ${r.url}`);
  if (r.origin === 'secid-1.0') lines.push(dim('  (link from the official SecID 1.0 registry)'));
  const description = r.description ?? r.data?.description;
  if (description) lines.push(`  ${description}`);
  if (r.guess) lines.push(dim(`  ${r.guess}`));
  if (r.unverified) lines.push(yellow('  Not confirmed against the source: check before relying on it.'));
  if (r.data?.versions_available?.length) {
    lines.push(
      `  Editions: ${r.data.versions_available
        .map(
          (v) => `${v.label}${v.release_date ? ` (${v.release_date})` : ''}${v.status === 'current' ? ' current' : ''}`,
        )
        .join(', ')}`,
    );
  }
  if (r.catalog) lines.push(dim(`  From ${r.catalog}`));
  for (const rel of r.related ?? [])
    lines.push(`  ${rel.rel.replace(/_/g, ' ')} ${rel.secid}${rel.title ? `  ${rel.title}` : ''}`);
  return lines.join('\n');
}

export function formatResponse(response: ResolveResponse): string {
  const out = [`${statusLabel(response.status)}: ${response.query}`];
  if (response.message) out.push(response.message);
  for (const r of response.results) out.push('', formatCard(r));
  return out.join('\n');
}

export function formatSearch(hits: SearchHit[], query = ''): string {
  // Not finding something is not an error: say what was searched and what to try.
  if (hits.length === 0)
    return (
      `Nothing in the registry matches "${query}". Try a word from the title (prompt injection), ` +
      `an ID with its list (ml-top10#ML03) or a list's name (llm-top10).`
    );
  return hits
    .map(
      (h) =>
        `${bold(h.code.padEnd(14))} ${h.title}` +
        dim(
          `  ${h.sourceShort}${h.edition ? ` (${h.edition})` : ''}  ${h.secid}` +
            ('origin' in h ? '  (official SecID 1.0 registry)' : ''),
        ),
    )
    .join('\n');
}

/** One line of `secid scan`: where, what, and what it resolves to. */
export function formatScanHit(file: string, h: ScanHit): string {
  const top = h.resolution.results[0];
  const list = top?.id ? listName(top, 'current') : undefined;
  const what = top ? `${top.title ?? ''}${list ? ` (${list})` : ''}` : (h.resolution.message ?? '');
  return `${file}:${h.line}:${h.column}  ${bold(h.text)}  ${statusLabel(h.resolution.status)}  ${top?.secid ?? ''}  ${what}`.trimEnd();
}
