import { describe, expect, it } from 'vitest';
import { RegistrySearch, buildSearchIndex } from '../../src/core/search.ts';
import { compactCode, naturalCompare } from '../../src/core/search-order.ts';
import { realCompiled } from '../support/registry.ts';

// The prebuilt index goes through JSON as it does in the extension.
const search = new RegistrySearch(JSON.parse(JSON.stringify(buildSearchIndex(realCompiled()))));
const codes = (q: string, limit = 12) =>
  search.search(q, limit).map((h) => (h.edition ? `${h.code}@${h.edition}` : h.code));

const ML = ['ML01', 'ML02', 'ML03', 'ML04', 'ML05', 'ML06', 'ML07', 'ML08', 'ML09', 'ML10'];
const LLM25 = ML.map((c) => `L${c.replace('ML', 'LM')}@2025`);

/** Queries and the top of what they must return, in order. */
const TABLE: { query: string; top: string[]; why: string }[] = [
  {
    query: 'ML03',
    top: ['ML03', ...ML.filter((c) => c !== 'ML03')],
    why: 'exact ID, then its list in natural order with ML10',
  },
  { query: 'ml03', top: ['ML03', 'ML01'], why: 'case does not matter' },
  { query: 'ML-03', top: ['ML03'], why: 'punctuation does not matter' },
  { query: 'ml0', top: ML.slice(0, 9), why: 'prefix matches in natural order' },
  { query: 'llm', top: LLM25, why: 'prefix: the current edition of the list in order' },
  {
    query: 'LLM02',
    top: ['LLM02@2025', 'LLM02@2023', 'LLM01@2025', 'LLM03@2025'],
    why: 'every edition of the exact ID, current first',
  },
  {
    query: 'A03',
    top: ['A03@2025', 'A03@2021', 'A01@2025', 'A02@2025'],
    why: 'every edition of the exact ID (current first), then its small list',
  },
  {
    query: 'CWE-79',
    top: ['CWE-79', 'CWE-790', 'CWE-791'],
    why: 'a big catalog continues with prefix matches, not its whole list',
  },
  { query: 'AML.T0051', top: ['AML.T0051'], why: 'dotted IDs' },
  { query: 'prompt inj', top: ['LLM01@2025', 'LLM01@2023', 'AML.T0051'], why: 'word prefixes, title matches first' },
  { query: 'model inversion', top: ['ML03'], why: 'title words' },
  { query: 'membrship inference', top: ['ML04'], why: 'a typo still finds a strong match' },
  { query: 'injection', top: ['A05@2025', 'A03@2021'], why: 'a title that is exactly the word, current edition first' },
];

describe('search ranking table', () => {
  for (const row of TABLE) {
    it(`${row.query}: ${row.why}`, () => {
      expect(codes(row.query).slice(0, row.top.length)).toEqual(row.top);
    });
  }

  it('shows nothing rather than noise', () => {
    expect(search.search('zzqxv nothing')).toEqual([]);
    expect(search.search('qwertyuiop')).toEqual([]);
    expect(search.search('zzqxv')).toEqual([]);
  });

  it('labels how each hit matched, best first', () => {
    const order = ['exact', 'list', 'prefix', 'words', 'fuzzy'];
    for (const q of ['ML03', 'llm', 'prompt inj', 'LLM02', 'injection', 'membrship inference']) {
      const ranks = search.search(q, 30).map((h) => order.indexOf(h.match));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    expect(search.search('ML03')[0]!.match).toBe('exact');
    expect(search.search('ML03')[1]!.match).toBe('list');
    expect(search.search('llm')[0]!.match).toBe('prefix');
  });

  it('keeps a pasted phrase working when most of its words match', () => {
    expect(codes('prompt injection attacks in chat assistants').length).toBeGreaterThan(0);
  });

  it('respects the limit and never repeats a hit', () => {
    const hits = search.search('llm', 5);
    expect(hits).toHaveLength(5);
    const all = search.search('injection', 50).map((h) => h.secid);
    expect(new Set(all).size).toBe(all.length);
    expect(search.search('ML03', 0)).toEqual([]);
  });
});

describe('search order helpers', () => {
  it('sorts IDs naturally', () => {
    expect(['ML10', 'ML02', 'ML01', 'CWE-100', 'CWE-79'].sort(naturalCompare)).toEqual([
      'CWE-79',
      'CWE-100',
      'ML01',
      'ML02',
      'ML10',
    ]);
  });
  it('compacts IDs', () => {
    expect(compactCode('aml.t0051')).toBe('AMLT0051');
    expect(compactCode('CWE-79')).toBe(compactCode('cwe79'));
  });
});
