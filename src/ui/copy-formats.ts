import type { ResolveResult } from '../core/resolve-types.ts';

/** The ways a card's item can be copied, in the order the card offers them. */
export type CopyFormatKey = 'url' | 'markdown' | 'permalink' | 'written';

export interface CopyFormat {
  key: CopyFormatKey;
  text: string;
}

/** `[label](url)` with the label's brackets escaped and the URL's parentheses and spaces encoded, so it stays one link. */
export function markdownLink(label: string, url: string): string {
  const text = label.replace(/[\\[\]]/g, (c) => `\\${c}`);
  const target = url.replace(/[()\s]/g, (c) => encodeURIComponent(c).replace('(', '%28').replace(')', '%29'));
  return `[${text}](${target})`;
}

/**
 * The SecID in the edition spelling the user wrote (`@2025`, `LLM02:2025`) when it differs from the canonical
 * version (`@2.0`); the resolver accepted it, so it is a valid way to write the same item.
 */
export function writtenSecid(query: string, result: ResolveResult): string | undefined {
  if (!result.version || !result.secid.includes(`@${result.version}`)) return undefined;
  const q = query.trim();
  const token = /^secid:[^@#?]+@([^#?]+)/i.exec(q)?.[1] ?? /^[^\s:@#]+[:@](v?\d+(?:\.\d+)*)$/i.exec(q)?.[1];
  if (!token || token === result.version) return undefined;
  return result.secid.replace(`@${result.version}`, `@${token}`);
}

/** Copy choices besides the canonical SecID: the source URL, a Markdown link, our permalink, the written form. */
export function copyFormats(result: ResolveResult, options: { query: string; permalink?: string }): CopyFormat[] {
  const formats: CopyFormat[] = [];
  const label = [result.id ?? result.source_short ?? result.secid, result.id ? result.title : undefined]
    .filter(Boolean)
    .join(' ');
  const url = result.url && /^https?:/i.test(result.url) ? result.url : undefined;
  if (url) formats.push({ key: 'url', text: url });
  const target = url ?? options.permalink;
  if (target) formats.push({ key: 'markdown', text: markdownLink(label, target) });
  if (options.permalink) formats.push({ key: 'permalink', text: options.permalink });
  const written = writtenSecid(options.query, result);
  if (written) formats.push({ key: 'written', text: written });
  return formats;
}
