import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from 'minisearch';
import type { CompiledItem, CompiledRegistry, CompiledSource, CompiledVersion, SearchAlias } from './registry-types.ts';
import { AliasTable, aliasTermsBySecId } from './search-aliases.ts';

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
}

export interface SearchHit {
  secid: string;
  kind: 'source' | 'item';
  code: string;
  title: string;
  source: string;
  edition?: string;
  score: number;
}

const OPTIONS: Options<SearchDoc> = {
  idField: 'id',
  fields: ['code', 'title', 'aliases', 'source', 'text'],
  storeFields: ['kind', 'code', 'title', 'source', 'edition'],
  searchOptions: {
    boost: { code: 6, title: 3, aliases: 2, source: 1, text: 0.5 },
    prefix: true,
    fuzzy: (term) => (term.length > 3 ? 0.2 : false),
    combineWith: 'AND',
  },
};

function sourceName(s: CompiledSource): string {
  return s.shortName ?? s.fullName;
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
    });
    const add = (item: CompiledItem, v?: CompiledVersion) => {
      const doc: SearchDoc = {
        id: `secid:${s.key}${v ? `@${v.v}` : ''}#${item.id}`,
        kind: 'item',
        code: item.id,
        title: item.title ?? item.id,
        source: sourceName(s),
        aliases: v ? [v.label, ...v.aliases].join(' ') : '',
        text: item.desc ?? '',
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
    else docs.push({ id: secid, kind: 'item', code: alias.code, title: alias.title ?? alias.code, source: alias.code.startsWith('CVE-') ? 'CVE' : '', aliases: terms.join(' '), text: '' });
  }
  return docs;
}

/** Built at compile time so the popup only loads it. */
export function buildSearchIndex(registry: CompiledRegistry): AsPlainObject {
  const index = new MiniSearch<SearchDoc>(OPTIONS);
  index.addAll(searchDocuments(registry));
  return index.toJSON();
}

export class RegistrySearch {
  private readonly index: MiniSearch<SearchDoc>;
  private readonly aliases: AliasTable;

  constructor(prebuilt: AsPlainObject, options: { aliases?: readonly SearchAlias[] } = {}) {
    this.index = MiniSearch.loadJS<SearchDoc>(prebuilt, OPTIONS);
    this.aliases = new AliasTable(options.aliases);
  }

  /** Adds documents loaded later (knowledge shards); one already in the index is kept as it is. */
  addDocuments(docs: readonly SearchDoc[]): void {
    this.index.addAll(docs.filter((d) => !this.index.has(d.id)));
  }

  search(query: string, limit = 20): SearchHit[] {
    const q = query.trim().slice(0, 200);
    if (q === '') return [];
    let results: SearchResult[] = this.index.search(q);
    // Nothing with every word: fall back to any word, so a long pasted phrase still finds something.
    if (results.length === 0 && /\s/.test(q)) results = this.index.search(q, { combineWith: 'OR' });
    const exact = q.toUpperCase();
    const hits: SearchHit[] = results
      .map((r) => ({
        secid: r.id as string,
        kind: r.kind as 'source' | 'item',
        code: r.code as string,
        title: r.title as string,
        source: r.source as string,
        ...(r.edition ? { edition: r.edition as string } : {}),
        // An exact ID always comes first.
        score: r.score * ((r.code as string).toUpperCase() === exact ? 10 : 1),
      }))
      .sort((a, b) => b.score - a.score);
    // A name people use ("log4shell", "xss") puts what it names first, in the order the alias list gives.
    const named = this.aliases.lookup(q);
    if (named.length === 0) return hits.slice(0, limit);
    const top = (hits[0]?.score ?? 1) + 1;
    const first: SearchHit[] = named.map((a, i) => {
      // The target's own document, when indexed, says best what it is.
      const doc = this.index.getStoredFields(a.secid) as Partial<SearchHit> | undefined;
      return { secid: a.secid, kind: 'item', code: a.code, title: doc?.title ?? a.title ?? a.code, source: doc?.source ?? (a.code.startsWith('CVE-') ? 'CVE' : ''), score: top + named.length - i };
    });
    const firstIds = new Set(first.map((h) => h.secid));
    return [...first, ...hits.filter((h) => !firstIds.has(h.secid))].slice(0, limit);
  }
}
