// Search over the imported SecID 1.0 namespaces (src/core/v1/search.ts): fixtures for the rules, the committed
// import for the examples; joined after our own hits.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { omniboxSuggestions } from '../../src/background/omnibox.ts';
import { RegistrySearch, buildSearchIndex, type SearchHit } from '../../src/core/search.ts';
import { SECID_TYPES } from '../../src/core/secid-types.ts';
import { joinV1Hits, V1Search, v1SearchEntries, type V1SearchHit } from '../../src/core/v1/search.ts';
import type { V1Namespace } from '../../src/core/v1/types.ts';
import { realCompiled, realRegistry } from '../support/registry.ts';

const fixture: V1Namespace[] = [
  {
    ns: 'example.org',
    type: 'control',
    status: 'draft',
    name: 'Example Alliance',
    common: 'EA',
    alt: ['Example Consortium'],
    nodes: [
      { p: ['(?i)^ccm$'], w: 100, name: 'Cloud Controls Matrix', common: 'CCM' },
      { p: ['^X-\\d+$'], w: 100 },
    ],
  },
  { ns: 'github.com/advisories', type: 'advisory', status: 'draft', name: 'GitHub Advisories', nodes: [] },
];

describe('SecID 1.0 search entries', () => {
  const search = new V1Search(v1SearchEntries(fixture));
  const secids = (q: string) => search.search(q).map((h) => h.secid);
  it('has one entry per namespace and per named source, none for ID patterns', () => {
    expect(v1SearchEntries(fixture).map((e) => e[0])).toEqual([
      'secid:control/example.org',
      'secid:control/example.org/ccm',
      'secid:advisory/github.com/advisories',
    ]);
  });
  it('finds by name, common name, alternate name and domain, every word a word start', () => {
    expect(secids('cloud controls matrix')).toEqual(['secid:control/example.org/ccm']);
    expect(secids('ccm')).toEqual(['secid:control/example.org/ccm']);
    expect(secids('cloud contr')).toEqual(['secid:control/example.org/ccm']);
    expect(secids('consortium')).toEqual(['secid:control/example.org']);
    expect(secids('example.org')[0]).toBe('secid:control/example.org');
    expect(secids('github.com/advisories')).toEqual(['secid:advisory/github.com/advisories']);
    expect(secids('matrix cloud nowhere')).toEqual([]);
    // Inside a word is no match: "ontrols" is not a word start.
    expect(secids('ontrols')).toEqual([]);
  });
  it('marks its hits, keeps scores below 1 and ignores empty or damaged input', () => {
    const [hit] = search.search('ccm');
    expect(hit).toMatchObject({
      origin: 'secid-1.0',
      kind: 'source',
      code: 'ccm',
      title: 'Cloud Controls Matrix',
      sourceShort: 'CCM · example.org',
    });
    expect(hit!.score).toBeLessThan(1);
    expect(search.search('   ')).toEqual([]);
    expect(search.search('ccm', 0)).toEqual([]);
    const damaged = new V1Search([['secid:x/y', 'ok', 'y', ''], [1, 2] as unknown as [string, string, string, string]]);
    expect(damaged.size).toBe(1);
    expect(damaged.search('ok')).toHaveLength(1);
  });
});

describe('joining imported hits after ours', () => {
  const hit = (secid: string, code: string, title: string): SearchHit => ({
    secid,
    kind: 'source',
    code,
    title,
    sourceShort: '',
    match: 'words',
    score: 50,
  });
  const v1 = (secid: string): V1SearchHit => ({
    secid,
    kind: 'source',
    code: 'c',
    title: 'Cloud thing',
    sourceShort: '',
    match: 'words',
    score: 0.5,
    origin: 'secid-1.0',
  });
  it('puts ours naming every word first, then imported, then our partial matches', () => {
    const ours = [hit('secid:a/ours/1', 'x', 'Cloud Thing'), hit('secid:a/ours/2', 'y', 'Other')];
    const joined = joinV1Hits({ query: 'cloud thing', ours, v1: [v1('secid:a/imp/1')], limit: 10 });
    expect(joined.map((h) => h.secid)).toEqual(['secid:a/ours/1', 'secid:a/imp/1', 'secid:a/ours/2']);
  });
  it('keeps a few slots for imported hits and never repeats a SecID', () => {
    const ours = Array.from({ length: 12 }, (_, i) => hit(`secid:a/ours/${i}`, 'cloud', 'Cloud'));
    const joined = joinV1Hits({
      query: 'cloud',
      ours,
      v1: [v1('secid:a/imp/1'), v1('secid:a/ours/0'), v1('secid:a/imp/1')],
      limit: 12,
    });
    expect(joined).toHaveLength(12);
    expect(joined.filter((h) => 'origin' in h).map((h) => h.secid)).toEqual(['secid:a/imp/1']);
    expect(new Set(joined.map((h) => h.secid)).size).toBe(12);
  });
  it('drops imported entries that are ours under the 1.0 spelling', () => {
    const registry = realRegistry();
    const joined = joinV1Hits({
      query: 'ml',
      ours: [],
      v1: [v1('secid:weakness/owasp.org/ml-top10'), v1('secid:control/cloudsecurityalliance.org/ccm')],
      limit: 5,
      registry,
    });
    expect(joined.map((h) => h.secid)).toEqual(['secid:control/cloudsecurityalliance.org/ccm']);
  });
});

describe('the committed import through search', () => {
  const registry = realRegistry();
  const v1Search = new V1Search(v1SearchEntries(SECID_TYPES.flatMap((t) => registry.v1!.namespaces(t))));
  const ours = new RegistrySearch(buildSearchIndex(realCompiled()));
  it('finds the Cloud Controls Matrix and CVSS by name, below ours', () => {
    const q = 'cloud controls matrix';
    const joined = joinV1Hits({ query: q, ours: ours.search(q, 12), v1: v1Search.search(q, 12), limit: 12, registry });
    expect(joined.map((h) => h.secid)).toContain('secid:control/cloudsecurityalliance.org/ccm');
    expect(v1Search.search('cvss').map((h) => h.secid)).toContain('secid:methodology/first.org/cvss');
    // Our own OWASP lists are not repeated in their 1.0 spelling.
    const owasp = joinV1Hits({
      query: 'ml top 10',
      ours: ours.search('ml top 10', 12),
      v1: v1Search.search('ml top 10', 12),
      limit: 12,
      registry,
    });
    expect(owasp.map((h) => h.secid)).not.toContain('secid:weakness/owasp.org/ml-top10');
  });
  it('the omnibox suggests an imported namespace with its domain', () => {
    const suggestions = omniboxSuggestions('cloud controls matrix', registry, ours, {
      markup: false,
      limit: 6,
      v1Search,
    });
    const ccm = suggestions.find((s) => s.content === 'secid:control/cloudsecurityalliance.org/ccm');
    expect(ccm?.description).toContain('cloudsecurityalliance.org');
  });
  it('the CLI search lists it, marked', () => {
    const out = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'search', 'cloud', 'controls', 'matrix', '--json'],
      { encoding: 'utf8' },
    );
    expect(out.status).toBe(0);
    const results = JSON.parse(out.stdout).results as { secid: string; origin?: string }[];
    expect(results.find((r) => r.secid === 'secid:control/cloudsecurityalliance.org/ccm')).toMatchObject({
      origin: 'secid-1.0',
    });
  });
});
