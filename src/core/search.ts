import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from 'minisearch';
import type { CompiledItem, CompiledRegistry, CompiledSource, CompiledVersion, SearchAlias } from './registry-types.ts';
import { AliasTable, aliasTermsBySecId } from './search-aliases.ts';
import { compactCode, naturalCompare } from './search-order.ts';

/** One searchable thing: a source or an item (per edition when its meaning depends on the edition). */
export interface SearchDoc {
  id: string;
  kind: 'source' | 'item';
  code: string;
  title: string;
  source: string;
  aliases: string;
  text: string;
  edition?: string;
  /** 0 for the current edition (or none), 1, 2, ... for older ones: the current edition is listed first. */
  ed: number;
}

/**
 * How a hit matched, best first: the ID itself, what a name people use names (log4shell, xss), another item of the
 * exact ID's list, an ID that starts with the
 * query, every word found (whole or as a prefix), or only with typos.
 */
export type MatchKind = 'exact' | 'alias' | 'list' | 'prefix' | 'words' | 'fuzzy';

export interface SearchHit {
  secid: string;
  kind: 'source' | 'item';
  code: string;
  title: string;
  /**
   * The name people know the source by ("CWE", "OWASP ML Top 10"); for a SecID 1.0 hit, its common name and
   * namespace ("CCM · example.org").
   */
  sourceShort: string;
  edition?: string;
  match: MatchKind;
  /** MiniSearch's relevance for word matches; 0 for hits placed by their ID. */
  score: number;
}

const OPTIONS: Options<SearchDoc> = {
  idField: 'id',
  fields: ['code', 'title', 'aliases', 'source', 'text'],
  storeFields: ['kind', 'code', 'title', 'source', 'edition', 'ed'],
  searchOptions: {
    boost: { code: 6, title: 3, aliases: 2, source: 1, text: 0.5 },
    prefix: true,
    fuzzy: (term) => (term.length > 3 ? 0.2 : false),
    combineWith: 'AND',
  },
};

/** MiniSearch's default tokenizer: the query's words as the index sees them. */
const WORD_SPLIT = /[\n\r\p{Z}\p{P}]+/u;

/**
 * Below this relevance a typo-only match is noise (a stray word found once in a long description), so it is not
 * shown; measured on the registry: real typo matches ("membrship inference") score above 5, noise below 2.
 */
export const MIN_FUZZY_SCORE = 3;
/** A list this small is shown whole, in its own order, after an exact ID of it (ML03 → ML01…ML10). */
const SMALL_LIST = 40;

function sourceName(s: CompiledSource): string {
  return s.shortName ?? s.fullName;
}

/** Current edition first, then the others in the order the registry lists them (newest first). */
function editionRanks(s: CompiledSource): Map<CompiledVersion, number> {
  const ranks = new Map<CompiledVersion, number>();
  let next = 1;
  for (const v of s.versions) ranks.set(v, v.status === 'current' ? 0 : next++);
  return ranks;
}

export function searchDocuments(registry: CompiledRegistry): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (const s of registry.sources) {
    docs.push({
      id: `secid:${s.key}`,
      kind: 'source',
      code: s.name || s.namespace,
      title: s.fullName,
      source: `${s.namespace} ${s.shortName ?? ''}`,
      aliases: [...s.nameAliases, s.key.replace(/\//g, ' ')].join(' '),
      text: s.description,
      ed: 0,
    });
    const ranks = editionRanks(s);
    const add = (item: CompiledItem, v?: CompiledVersion) => {
      const doc: SearchDoc = {
        id: `secid:${s.key}${v ? `@${v.v}` : ''}#${item.id}`,
        kind: 'item',
        code: item.id,
        title: item.title ?? item.id,
        source: sourceName(s),
        aliases: v ? [v.label, ...v.aliases].join(' ') : '',
        text: item.description ?? '',
        ed: v ? (ranks.get(v) ?? 0) : 0,
      };
      if (v) doc.edition = v.label;
      docs.push(doc);
    };
    for (const item of s.items) add(item);
    for (const v of s.versions) for (const item of v.items ?? []) add(item, v);
  }
  // Names people use: their spellings join the target's document (a CWE), or make one (a CVE, which has none).
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const [secid, { alias, terms }] of aliasTermsBySecId(registry.aliases ?? [])) {
    const doc = byId.get(secid);
    if (doc) doc.aliases = [doc.aliases, ...terms].filter(Boolean).join(' ');
    else
      docs.push({
        id: secid,
        kind: 'item',
        code: alias.code,
        title: alias.title ?? alias.code,
        source: alias.code.startsWith('CVE-') ? 'CVE' : '',
        aliases: terms.join(' '),
        text: '',
        ed: 0,
      });
  }
  return docs;
}

/** Built at compile time so the popup only loads it. */
export function buildSearchIndex(registry: CompiledRegistry): AsPlainObject {
  const index = new MiniSearch<SearchDoc>(OPTIONS);
  index.addAll(searchDocuments(registry));
  return index.toJSON();
}

/** What the index stores of a document, enough to list it. */
interface Entry {
  secid: string;
  kind: 'source' | 'item';
  code: string;
  compact: string;
  title: string;
  sourceShort: string;
  edition?: string;
  ed: number;
  /** The list (source and edition) the item belongs to: the SecID without `#item`. */
  list: string;
  /** Position in the registry, to keep lists in registry order among themselves. */
  order: number;
}

function entryOf(secid: string, fields: Record<string, unknown>, order: number): Entry {
  const code = String(fields.code ?? '');
  const entry: Entry = {
    secid,
    kind: fields.kind === 'source' ? 'source' : 'item',
    code,
    compact: compactCode(code),
    title: String(fields.title ?? code),
    sourceShort: String(fields.source ?? ''),
    ed: typeof fields.ed === 'number' ? fields.ed : 0,
    list: secid.replace(/#.*$/, ''),
    order,
  };
  if (typeof fields.edition === 'string') entry.edition = fields.edition;
  return entry;
}

function hitOf(entry: Entry, match: MatchKind, score = 0): SearchHit {
  const hit: SearchHit = {
    secid: entry.secid,
    kind: entry.kind,
    code: entry.code,
    title: entry.title,
    sourceShort: entry.sourceShort,
    match,
    score,
  };
  if (entry.edition) hit.edition = entry.edition;
  return hit;
}

/** Items first, current edition first, lists in registry order, IDs in natural order (ML01 … ML09, ML10). */
function byListOrder(a: Entry, b: Entry): number {
  if (a.kind !== b.kind) return a.kind === 'item' ? -1 : 1;
  if (a.ed !== b.ed) return a.ed - b.ed;
  if (a.list !== b.list) return a.order - b.order;
  return naturalCompare(a.code, b.code);
}

/**
 * Registry search shared by the popup, omnibox, SecID page and CLI. Ranking, in tiers: an exact ID (every edition,
 * current first), then the rest of its list in natural order when the list is small, then IDs starting with the
 * query, then word matches (every word found whole or as a prefix), then typo-only matches above MIN_FUZZY_SCORE.
 * Nothing that clears none of these is shown: an honest empty answer beats a random one.
 */
export class RegistrySearch {
  private readonly index: MiniSearch<SearchDoc>;
  private readonly aliases: AliasTable;
  private readonly entries: Entry[] = [];
  private readonly bySecid = new Map<string, Entry>();
  private readonly byCompact = new Map<string, Entry[]>();
  private readonly lists = new Map<string, Entry[]>();

  constructor(prebuilt: AsPlainObject, options: { aliases?: readonly SearchAlias[] } = {}) {
    this.index = MiniSearch.loadJS<SearchDoc>(prebuilt, OPTIONS);
    this.aliases = new AliasTable(options.aliases);
    const ids = prebuilt.documentIds as Record<string, string>;
    const stored = prebuilt.storedFields as Record<string, Record<string, unknown>>;
    for (const [short, secid] of Object.entries(ids))
      this.remember(entryOf(secid, stored[short] ?? {}, this.entries.length));
    for (const list of this.lists.values()) list.sort((a, b) => naturalCompare(a.code, b.code));
  }

  /** Adds documents loaded later (knowledge shards); one already in the index is kept as it is. */
  addDocuments(docs: readonly SearchDoc[]): void {
    const fresh = docs.filter((d) => !this.index.has(d.id));
    this.index.addAll(fresh);
    const touched = new Set<Entry[]>();
    for (const doc of fresh) {
      const list = this.remember(entryOf(doc.id, doc as unknown as Record<string, unknown>, this.entries.length));
      if (list) touched.add(list);
    }
    for (const list of touched) list.sort((a, b) => naturalCompare(a.code, b.code));
  }

  /** Files an entry under its SecID, its compact code and its list; returns the list it joined. */
  private remember(entry: Entry): Entry[] | undefined {
    this.entries.push(entry);
    this.bySecid.set(entry.secid, entry);
    const same = this.byCompact.get(entry.compact);
    if (same) same.push(entry);
    else this.byCompact.set(entry.compact, [entry]);
    if (entry.kind !== 'item') return undefined;
    let list = this.lists.get(entry.list);
    if (!list) this.lists.set(entry.list, (list = []));
    list.push(entry);
    return list;
  }

  search(query: string, limit = 20): SearchHit[] {
    const q = query.trim().slice(0, 200);
    if (q === '' || limit <= 0) return [];
    const out: SearchHit[] = [];
    const seen = new Set<string>();
    const add = (entry: Entry, match: MatchKind, score = 0) => {
      if (seen.has(entry.secid) || out.length >= limit) return;
      seen.add(entry.secid);
      out.push(hitOf(entry, match, score));
    };
    const compact = compactCode(q);
    // 1. The ID itself, every edition, current first; 2. the rest of its list when the list is small.
    const exact = [...(this.byCompact.get(compact) ?? [])].sort((a, b) => a.ed - b.ed || a.order - b.order);
    for (const entry of exact) add(entry, 'exact');
    // A name people use ("log4shell", "xss") puts what it names next, in the order the alias list gives.
    for (const alias of this.aliases.lookup(q)) {
      // The target's own document, when indexed, says best what it is.
      add(
        this.bySecid.get(alias.secid) ??
          entryOf(
            alias.secid,
            {
              kind: 'item',
              code: alias.code,
              title: alias.title ?? alias.code,
              source: alias.code.startsWith('CVE-') ? 'CVE' : '',
            },
            -1,
          ),
        'alias',
      );
    }
    for (const entry of exact) {
      const list = this.lists.get(entry.list);
      if (entry.kind === 'item' && list && list.length <= SMALL_LIST) for (const sibling of list) add(sibling, 'list');
    }
    // 3. IDs that start with what was typed (one word, two characters or more: `llm`, `ml0`, `cwe-7`).
    if (compact.length >= 2 && !/\s/.test(q)) {
      const prefixed = this.entries.filter(
        (e) => e.compact.startsWith(compact) && e.compact !== compact && !seen.has(e.secid),
      );
      for (const entry of prefixed.sort(byListOrder)) add(entry, 'prefix');
    }
    if (out.length >= limit) return out;
    // 4. and 5. Words: whole or prefix matches first, typo-only ones when relevant enough.
    const words = q.toLowerCase().split(WORD_SPLIT).filter(Boolean);
    if (words.length === 0) return out;
    let results: SearchResult[] = this.index.search(q);
    // Nothing with every word: a long pasted phrase may still match on most of its words (two thirds, rounded up),
    // but never on one stray word of two.
    if (results.length === 0 && words.length > 1) {
      const needed = Math.ceil((words.length * 2) / 3);
      results = this.index.search(q, { combineWith: 'OR' }).filter((r) => new Set(r.queryTerms).size >= needed);
    }
    const fuzzy: SearchResult[] = [];
    const whole: { entry: Entry; score: number }[] = [];
    for (const r of results) {
      const entry = this.bySecid.get(r.id as string);
      if (!entry) continue;
      if (r.queryTerms.every((qt) => r.terms.some((t) => t.startsWith(qt)))) whole.push({ entry, score: r.score });
      else if (r.score >= MIN_FUZZY_SCORE) fuzzy.push(r);
    }
    // A title that is exactly the query ("injection" -> Injection) beats a longer title that merely contains it,
    // whatever the other documents' words do to the scores; the current edition first among those.
    const title = q.toLowerCase();
    const titled = (e: Entry) => (e.title.toLowerCase() === title ? 0 : 1);
    whole.sort((a, b) => titled(a.entry) - titled(b.entry) || (titled(a.entry) === 0 ? a.entry.ed - b.entry.ed : 0));
    for (const { entry, score } of whole) add(entry, 'words', score);
    for (const r of fuzzy) add(this.bySecid.get(r.id as string)!, 'fuzzy', r.score);
    return out;
  }
}
