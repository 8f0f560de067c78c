import type { SearchAlias } from './registry-types.ts';

/** One search spelling: lower case, words separated by single spaces ("Dirty Pipe" -> "dirty pipe"). */
export function aliasTerm(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Names people use (Log4Shell, XSS) -> what they name. A query that is exactly one of these names, spaces and
 * punctuation aside ("dirtypipe", "Dirty-Pipe"), gets its targets ahead of every fuzzy match.
 */
export class AliasTable {
  private readonly byTerm = new Map<string, SearchAlias[]>();

  constructor(aliases: readonly SearchAlias[] = []) {
    for (const alias of aliases) {
      for (const term of alias.terms) {
        for (const key of new Set([term, term.replace(/ /g, '')])) {
          const list = this.byTerm.get(key) ?? [];
          if (!list.includes(alias)) list.push(alias);
          this.byTerm.set(key, list);
        }
      }
    }
  }

  lookup(query: string): SearchAlias[] {
    const term = aliasTerm(query);
    if (term === '') return [];
    return this.byTerm.get(term) ?? this.byTerm.get(term.replace(/ /g, '')) ?? [];
  }
}

/** Alias spellings per target SecID, for the search documents' `aliases` field (so prefixes find them too). */
export function aliasTermsBySecId(
  aliases: readonly SearchAlias[],
): Map<string, { alias: SearchAlias; terms: string[] }> {
  const out = new Map<string, { alias: SearchAlias; terms: string[] }>();
  for (const alias of aliases) {
    const entry = out.get(alias.secid) ?? { alias, terms: [] };
    entry.terms.push(...alias.terms.filter((t) => !entry.terms.includes(t)));
    out.set(alias.secid, entry);
  }
  return out;
}
