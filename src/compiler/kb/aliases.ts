import type { Registry } from '../../core/registry.ts';
import type { SearchAlias } from '../../core/registry-types.ts';
import { aliasTerm } from '../../core/search-aliases.ts';
import { parseTsv, records } from '../../core/tsv.ts';

function terms(name: string, spellings: string | undefined): string[] {
  return [...new Set([name, ...(spellings ?? '').split(',')].map(aliasTerm).filter((t) => t !== ''))];
}

export interface AliasProblem {
  line: string;
  reason: string;
}

/**
 * Nicknames of vulnerabilities (registry/data/nicknames.tsv) and everyday names of weaknesses
 * (registry/data/weakness-aliases.tsv) as search aliases. Every CWE must be in the registry's CWE list.
 */
export function compileAliases(input: { nicknames?: string; weaknesses?: string; registry: Registry }): {
  aliases: SearchAlias[];
  problems: AliasProblem[];
} {
  const aliases: SearchAlias[] = [];
  const problems: AliasProblem[] = [];
  if (input.nicknames) {
    for (const r of records(parseTsv(input.nicknames))) {
      const cves = (r.cves ?? '').split(',').filter(Boolean);
      if (cves.length === 0 || cves.some((c) => !/^CVE-\d{4}-\d{4,}$/.test(c)))
        problems.push({ line: r.nickname ?? '?', reason: `bad CVE list "${r.cves}"` });
      for (const cve of cves) {
        aliases.push({
          terms: terms(r.nickname!, r.spellings),
          secid: `secid:advisory/mitre/cve#${cve}`,
          code: cve,
          title: `${r.nickname}: ${r.what}`,
        });
      }
    }
  }
  if (input.weaknesses) {
    const cwe = input.registry.source('weakness/mitre/cwe');
    for (const r of records(parseTsv(input.weaknesses))) {
      const item = cwe ? input.registry.findItems(cwe, r.cwe ?? '')[0]?.item : undefined;
      if (!item) {
        problems.push({ line: r.alias ?? '?', reason: `${r.cwe} is not in the CWE list` });
        continue;
      }
      // No title: the CWE's own search document has it.
      aliases.push({
        terms: terms(r.alias!, r.spellings),
        secid: `secid:weakness/mitre/cwe#${item.id}`,
        code: item.id,
      });
    }
  }
  return { aliases, problems };
}
