import { describe, expect, it } from 'vitest';
import { resolve } from '../../src/core/resolve.ts';
import { buildSearchIndex, RegistrySearch } from '../../src/core/search.ts';
import { groupPageIds } from '../../src/popup/group-page-ids.ts';
import { looksLikeId } from '../../src/popup/query-kind.ts';
import { resultOptions } from '../../src/popup/result-options.ts';
import { editionGroup } from '../../src/ui/edition-group.ts';
import { realCompiled, realRegistry } from '../support/registry.ts';

const registry = realRegistry();
const search = new RegistrySearch(buildSearchIndex(realCompiled()));

describe('looksLikeId', () => {
  it('tells identifiers from words', () => {
    for (const id of [
      'ML11',
      'CVE-2024-3094',
      'AML.T0051',
      'T1059.003',
      'LLM01:2025',
      'ml-top10#ML03',
      'VU#867593',
      'secid:weakness/x',
      'SECID:foo bar',
      'owasp/ml-top10',
    ])
      expect(looksLikeId(id), id).toBe(true);
    for (const words of ['', '  ', 'injection', 'prompt injection', 'model inversion attack', 'xss', '5.1', 'ML 03'])
      expect(looksLikeId(words), words).toBe(false);
  });
});

describe('resultOptions', () => {
  it('lists what the text resolves to first, one row per edition, then hits not already listed', () => {
    const q = 'LLM04';
    const options = resultOptions(resolve(registry, q), search.search(q, 12));
    expect(options.slice(0, 2).map((o) => [o.code, o.edition, o.resolved])).toEqual([
      ['LLM04', '2025', true],
      ['LLM04', '2023', true],
    ]);
    expect(options[0]!.response?.query).toBe('LLM04');
    expect(options[1]!.response).toBeUndefined();
    const secids = options.map((o) => o.secid);
    expect(new Set(secids).size).toBe(secids.length);
  });
  it('makes a CVE listed by several databases one row', () => {
    const options = resultOptions(resolve(registry, 'CVE-2024-3094'), []);
    expect(options.map((o) => o.code)).toEqual(['CVE-2024-3094']);
    expect(options[0]!.source).toBe('CVE');
  });
  it('does not repeat an unversioned hit already resolved with an edition', () => {
    const q = 'secid:weakness/owasp.org/ml-top10@2023#ML01';
    const options = resultOptions(resolve(registry, q), search.search('ML01', 12));
    expect(options.filter((o) => o.code === 'ML01')).toHaveLength(1);
  });
  it('lists only search hits when nothing resolves, within the limit', () => {
    const options = resultOptions(resolve(registry, 'injection'), search.search('injection', 30), 12);
    expect(options.length).toBeGreaterThan(0);
    expect(options.length).toBeLessThanOrEqual(12);
    expect(options.every((o) => !o.resolved)).toBe(true);
  });
});

describe('groupPageIds', () => {
  const lookup = {
    sourceKeyOf: (id: { text: string }) => (id.text.startsWith('ML') ? 'weakness/owasp/ml-top10' : undefined),
    label: (key: string) =>
      ({ 'weakness/owasp/ml-top10': 'OWASP ML Top 10', 'advisory/mitre/cve': 'CVE' })[key] ?? 'Other IDs',
  };
  it('groups by source, biggest first, unknown last, IDs in natural order', () => {
    const groups = groupPageIds(
      [
        { text: 'ML10', count: 1 },
        { text: 'ZZ1', count: 9 },
        { text: 'CVE-2024-3094', count: 1, sourceKey: 'advisory/mitre/cve' },
        { text: 'ML2', count: 1 },
        { text: 'ML03', count: 2 },
      ],
      lookup,
    );
    expect(groups.map((g) => [g.label, g.total, g.items.map((i) => i.text)])).toEqual([
      ['OWASP ML Top 10', 4, ['ML2', 'ML03', 'ML10']],
      ['CVE', 1, ['CVE-2024-3094']],
      ['Other IDs', 9, ['ZZ1']],
    ]);
  });
  it('skips empty entries and answers nothing for nothing', () => {
    expect(groupPageIds([], lookup)).toEqual([]);
    expect(
      groupPageIds(
        [
          { text: '', count: 1 },
          { text: 'ML01', count: 0 },
        ],
        lookup,
      ),
    ).toEqual([]);
  });
});

describe('editionGroup', () => {
  it('groups the editions of one item, not several databases', () => {
    expect(editionGroup(resolve(registry, 'LLM04')).map((r) => r.edition)).toEqual(['2025', '2023']);
    expect(editionGroup(resolve(registry, 'CVE-2024-3094'))).toEqual([]);
    expect(editionGroup(resolve(registry, 'ML03'))).toEqual([]);
    expect(editionGroup(resolve(registry, 'nothing here'))).toEqual([]);
  });
  it('is empty for one edition alone: the card and the SecID page show no editions box for it', () => {
    // The card's own copy once returned the single edition here; the SecID page's (this one) did not.
    expect(resolve(registry, 'LLM04:2025').results[0]?.version).toBe('2.0');
    expect(editionGroup(resolve(registry, 'LLM04:2025'))).toEqual([]);
  });
});
