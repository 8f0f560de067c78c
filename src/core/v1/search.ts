import type { Registry } from '../registry.ts';
import type { SearchHit } from '../search.ts';
import { aliasTerm } from '../search-aliases.ts';
import { slugOf } from './match.ts';
import type { V1Namespace } from './types.ts';

/**
 * Search over the imported SecID 1.0 namespaces and their named sources (by name, common name, alternate names and
 * namespace domain), kept apart from our own index (src/core/search.ts) and joined after its hits: ours always rank
 * first. Entries are small ([secid, title, words]) so the extension can ship them as one file (secid-1.0/search.json)
 * and the popup can scan all of them per keystroke.
 */

/**
 * `[secid, title, source, more]`: what is shown, plus the names not shown (the namespace's full and alternate names),
 * space-separated. The words matched are derived on load, so the shipped file holds each name once.
 */
export type V1SearchEntry = [secid: string, title: string, source: string, more: string];

export type V1SearchHit = SearchHit & { origin: 'secid-1.0' };

// Words as alias search spells them (lower case, split at anything not a letter or digit), each once.
const wordList = (parts: (string | undefined)[]) => [
  ...new Set(parts.flatMap((p) => aliasTerm(p ?? '').split(' ')).filter(Boolean)),
];
const words = (parts: (string | undefined)[]) => wordList(parts).join(' ');

/** One entry per namespace and one per source node with a literal name (`ccm` in cloudsecurityalliance.org). */
export function v1SearchEntries(namespaces: Iterable<V1Namespace>): V1SearchEntry[] {
  const out: V1SearchEntry[] = [];
  for (const ns of namespaces) {
    // `cloudsecurityalliance.org` is also found as one word.
    out.push([
      `secid:${ns.type}/${ns.ns}`,
      ns.name,
      ns.common ? `${ns.common} · ${ns.ns}` : ns.ns,
      [ns.ns.replace(/\./g, ''), ...(ns.alt ?? [])].join(' '),
    ]);
    for (const node of ns.nodes) {
      const slug = slugOf(node);
      if (slug === undefined) continue;
      const title = node.name ?? `${ns.common ?? ns.name} ${slug}`;
      // The namespace's own names, not its alternate ones: those find the namespace's entry.
      out.push([
        `secid:${ns.type}/${ns.ns}/${slug}`,
        title,
        node.common ? `${node.common} · ${ns.ns}` : ns.ns,
        [ns.name, ns.common].filter(Boolean).join(' '),
      ]);
    }
  }
  return out;
}

/** The words an entry is found by, as ` word word ` (leading and trailing space: a word start is ` term`). */
function entryText(e: V1SearchEntry): string {
  const path = e[0].replace(/^secid:[a-z]+\//, '');
  return ` ${words([path, ...path.split('/'), e[1], e[2], e[3]])} `;
}

/** Scores below every hit of our own index, whatever its score: imported entries only follow ours. */
const MAX_SCORE = 1;

export class V1Search {
  private readonly texts: string[];

  constructor(private readonly entries: readonly V1SearchEntry[]) {
    // Malformed entries (a damaged file) are skipped, never thrown on.
    this.entries = entries.filter((e) => Array.isArray(e) && e.length === 4 && e.every((x) => typeof x === 'string'));
    this.texts = this.entries.map(entryText);
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Every query word must start a word of the entry (`cloud controls matrix`, `ccm`, `first.org`, `cvss`). Entries
   * whose title or code is the query itself rank first, then sources before namespaces, then shorter titles.
   */
  search(query: string, limit = 20): V1SearchHit[] {
    const q = query.trim().toLowerCase().slice(0, 200);
    const terms = q.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (terms.length === 0 || limit <= 0) return [];
    const scored: { e: V1SearchEntry; s: number }[] = [];
    this.entries.forEach((e, i) => {
      const text = this.texts[i]!;
      if (!terms.every((t) => text.includes(` ${t}`))) return;
      const title = e[1].toLowerCase();
      const code = e[0].slice(e[0].lastIndexOf('/') + 1);
      // Whole words count more than prefixes.
      let s = terms.filter((t) => text.includes(` ${t} `)).length / terms.length;
      if (title === q || code === q) s += 2;
      if (e[0].split('/').length > 2) s += 0.5;
      s -= Math.min(title.length, 200) / 1000;
      scored.push({ e, s });
    });
    const top = Math.max(...scored.map((x) => x.s), 1);
    return scored
      .sort((a, b) => b.s - a.s || a.e[0].localeCompare(b.e[0]))
      .slice(0, limit)
      .map(({ e, s }) => ({
        secid: e[0],
        kind: 'source' as const,
        code: e[0].slice(e[0].lastIndexOf('/') + 1),
        title: e[1],
        sourceShort: e[2],
        // Every query word starts a word of the entry: a word match in the ranking's terms.
        match: 'words' as const,
        score: (MAX_SCORE * Math.max(s, 0)) / (top + 1),
        origin: 'secid-1.0' as const,
      }));
  }
}

/** `secid:control/owasp.org/ai-exchange` is a source of ours (`control/owasp/ai-exchange`): its hit would be a duplicate. */
function oursToo(registry: Registry, secid: string): boolean {
  const m = /^secid:([a-z]+)\/(.+)$/.exec(secid);
  if (!m) return false;
  const [, type, rest] = m as unknown as [string, string, string];
  const segments = rest.split('/');
  for (let i = segments.length; i >= 1; i--) {
    const ns = registry.namespaceFor(type, segments.slice(0, i).join('/'));
    if (ns === undefined) continue;
    const name = segments.slice(i).join('/');
    return name === ''
      ? registry.sourcesIn(type, ns).length > 0 || registry.entities.get(ns) !== undefined
      : registry.sourceByName(type, ns, name) !== undefined;
  }
  return false;
}

/** Does the hit name every query word (in its ID, title, list or SecID), rather than some of them or only its description? */
function namesEveryWord(hit: SearchHit, terms: string[]): boolean {
  const text = ` ${words([hit.code, hit.title, hit.sourceShort, hit.secid])} `;
  return terms.every((t) => text.includes(` ${t}`));
}

/** Slots kept for imported hits when ours would fill the list, so they stay visible below ours. */
const RESERVED = 3;

/**
 * Join our hits and the imported ones at a call site, whatever ranking our own search does: our hits that name every
 * word of the query first, then the imported hits (never ours under another spelling), then our other hits (a
 * fallback on some of the words, or a match only in a description). Up to `limit`, keeping a few slots for imported
 * hits when there are some.
 */
export function joinV1Hits<T extends SearchHit>(args: {
  query: string;
  ours: readonly T[];
  v1: readonly V1SearchHit[];
  limit: number;
  registry?: Registry;
}): (T | V1SearchHit)[] {
  const { query, ours, v1, limit, registry } = args;
  const seen = new Set(ours.map((h) => h.secid));
  const imported: V1SearchHit[] = [];
  for (const hit of v1) {
    if (seen.has(hit.secid) || (registry && oursToo(registry, hit.secid))) continue;
    seen.add(hit.secid);
    imported.push(hit);
  }
  const terms = query
    .trim()
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  // Hits our ranking placed by their ID or by a name people use stay ahead whatever words they carry.
  const placed = (h: SearchHit) =>
    h.match === 'exact' || h.match === 'alias' || h.match === 'list' || h.match === 'prefix';
  const strong = ours.filter((h) => placed(h) || namesEveryWord(h, terms));
  const weak = ours.filter((h) => !strong.includes(h));
  const keepOurs = Math.max(0, limit - Math.min(RESERVED, imported.length));
  const oursKept = new Set([...strong, ...weak].slice(0, keepOurs));
  return [...strong.filter((h) => oursKept.has(h)), ...imported, ...weak.filter((h) => oursKept.has(h))].slice(
    0,
    limit,
  );
}
