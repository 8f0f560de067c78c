import { describe, expect, it } from 'vitest';
import { RegistrySearch, buildSearchIndex } from '../../src/core/search.ts';
import { realCompiled } from '../support/registry.ts';

const search = new RegistrySearch(JSON.parse(JSON.stringify(buildSearchIndex(realCompiled()))));

describe('search', () => {
  it('puts an exact ID first', () => {
    expect(search.search('ML03')[0]).toMatchObject({ code: 'ML03', title: 'Model Inversion Attack' });
  });
  it('finds by title words with prefixes', () => {
    expect(search.search('prompt inj').map((h) => h.code)).toEqual(expect.arrayContaining(['LLM01', 'AML.T0051']));
  });
  it('tolerates typos', () => {
    expect(search.search('membrship inference').map((h) => h.code)).toContain('ML04');
  });
  it('finds sources by name and alias', () => {
    expect(search.search('atlas').some((h) => h.kind === 'source' && h.secid === 'secid:ttp/mitre/atlas')).toBe(true);
  });
  it('lists each edition of a version-dependent item', () => {
    const hits = search.search('LLM02').filter((h) => h.code === 'LLM02');
    expect(hits.map((h) => h.edition).sort()).toEqual(['2023', '2025']);
  });
  it('returns nothing for empty input and survives odd input', () => {
    expect(search.search('   ')).toEqual([]);
    expect(() => search.search('(*&^%$#@!'.repeat(100))).not.toThrow();
  });
});
