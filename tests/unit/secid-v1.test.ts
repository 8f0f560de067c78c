// SecID 1.0 resolution over the imported official registry: small fixtures written for these tests
// (tests/fixtures/secid-registry), never the upstream copy.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importSecId, writeImport } from '../../src/compiler/import-secid.ts';
import { Registry } from '../../src/core/registry.ts';
import { resolve } from '../../src/core/resolve.ts';
import { checkV1Examples, unexplained } from '../../src/core/v1/check.ts';
import { convertNamespace } from '../../src/core/v1/convert.ts';
import { examplesOf } from '../../src/core/v1/examples.ts';
import { resolveV1 } from '../../src/core/v1/match.ts';
import { parseV1 } from '../../src/core/v1/parse-v1.ts';
import { hasNestedRepetition, matchPattern, MAX_INPUT } from '../../src/core/v1/pattern.ts';
import { V1Store } from '../../src/core/v1/store.ts';
import type { V1Namespace } from '../../src/core/v1/types.ts';
import { realCompiled } from '../support/registry.ts';

const FIXTURES = 'tests/fixtures/secid-registry/registry';
const fixture = (path: string): unknown => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8'));
const convert = (path: string): V1Namespace => {
  const r = convertNamespace(fixture(path));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};
const files = [
  'advisory/org/example.json',
  'advisory/com/github/advisories.json',
  'advisory/com/github.json',
  'weakness/org/listorg.json',
  'methodology/org/scoring.json',
];

function fixtureStore(): V1Store {
  const store = new V1Store();
  const byType = new Map<string, V1Namespace[]>();
  for (const f of files) {
    const ns = convert(f);
    byType.set(ns.type, [...(byType.get(ns.type) ?? []), ns]);
  }
  for (const [type, namespaces] of byType) store.add({ type, namespaces });
  return store;
}
const store = fixtureStore();
const v1 = (q: string) => resolveV1(store, q)!;

describe('SecID 1.0 import: conversion', () => {
  it('keeps facts and drops upstream prose (notes, descriptions)', () => {
    const ns = convert('advisory/org/example.json');
    const text = JSON.stringify(ns);
    expect(text).not.toContain('PROSE-MUST-NOT-BE-COPIED');
    expect(ns).toMatchObject({
      ns: 'example.org',
      type: 'advisory',
      status: 'draft',
      name: 'Example Security Team',
      common: 'EST',
      alt: ['Example'],
    });
    // The range table is a fact taken out of the notes, as numbers.
    expect(ns.nodes[0]!.kids![0]!.vars!.year!.ranges).toEqual([
      [1, '2022'],
      [100, '2023'],
      [250, '2024'],
    ]);
  });
  it('refuses bad files with field: reason', () => {
    expect(convertNamespace('nope')).toMatchObject({ ok: false, problems: [{ field: '(file)' }] });
    const bad = convertNamespace({ schema_version: '2.0', namespace: 'x.org', type: 'frob', match_nodes: [] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.field)).toEqual(['schema_version', 'type']);
    const badRegex = convertNamespace({
      schema_version: '1.0',
      namespace: 'x.org',
      type: 'advisory',
      match_nodes: [{ patterns: ['^(unclosed$'], weight: 100 }],
    });
    expect(badRegex).toMatchObject({ ok: false, problems: [{ field: 'match_nodes[0].patterns' }] });
    const noRanges = convertNamespace({
      schema_version: '1.0',
      namespace: 'x.org',
      type: 'advisory',
      match_nodes: [
        {
          patterns: ['^a$'],
          weight: 100,
          data: { variables: { year: { extract: '^(\\d+)$', lookup: 'range_table' } } },
        },
      ],
    });
    expect(noRanges).toMatchObject({ ok: false, problems: [{ field: 'match_nodes[0].data.variables.year.lookup' }] });
  });
});

describe('SecID 1.0 import: safe patterns', () => {
  it('refuses nested repetition and accepts separated repeats', () => {
    for (const p of ['^(a+)+$', '^(a|a)*$', '^((ab)*)+$', '^(?:\\w+\\s?)*$'])
      expect(hasNestedRepetition(p), p).toBe(true);
    for (const p of [
      '^A0[1-9]$',
      '^\\d+(?:\\.\\d+){1,4}(?:\\.(?:PB|P|B))?$',
      '^[a-z]+(-[a-z]+)*$',
      '^(jan|apr)\\d{4}$',
      '^V\\d+(\\.\\d+){0,3}$',
    ])
      expect(hasNestedRepetition(p), p).toBe(false);
    expect(matchPattern('^(a+)+$', 'aaaa')).toBeNull();
  });
  it('bounds the input length', () => {
    expect(matchPattern('^a+$', 'a'.repeat(MAX_INPUT))).not.toBeNull();
    expect(matchPattern('^a+$', 'a'.repeat(MAX_INPUT + 1))).toBeNull();
  });
  it('reads (?i) as case-insensitive and keeps upstream prefix patterns as written', () => {
    expect(matchPattern('(?i)^ml-top10$', 'ML-Top10')).not.toBeNull();
    expect(matchPattern('^cpe:2\\.3:[aho]:[^:]+:[^:]+', 'cpe:2.3:a:apache:http_server:2.4')).not.toBeNull();
  });
});

describe('SecID 1.0 resolution', () => {
  it('parses qualifiers at both levels and keeps them', () => {
    expect(parseV1('secid:advisory/example.org/esa?lang=fr#ESA-120-1?content_type=json')).toEqual({
      type: 'advisory',
      segments: ['example.org', 'esa'],
      subpath: 'ESA-120-1',
      qualifiers: { lang: 'fr', content_type: 'json' },
    });
    expect(parseV1('secid:frob/example.org')).toBeUndefined();
  });
  it('fills variables, range tables and the id, with all matching siblings ordered by weight', () => {
    const a = v1('secid:advisory/example.org/ESA#ESA-120-1');
    expect(a.status).toBe('found');
    expect(a.results[0]).toMatchObject({
      url: 'https://example.org/security/2023/esa-120',
      secid: 'secid:advisory/example.org/esa#ESA-120-1',
      source: 'Example Security Advisories',
    });
    expect(v1('secid:advisory/example.org/esa#ESA-260-2').results[0]!.url).toBe(
      'https://example.org/security/2024/esa-260',
    );
    expect(v1('secid:advisory/example.org/esa#CVE-2024-1234').results.map((r) => [r.weight, r.url])).toEqual([
      [100, 'https://example.org/cve/CVE-2024-1234'],
      [50, 'https://tracker.example.org/CVE-2024-1234'],
    ]);
  });
  it('never builds a URL that leaves the template host', () => {
    const a = v1('secid:advisory/example.org/esa#BUG-7');
    expect(a.status).toBe('found');
    expect(a.results[0]!.url).toBe('https://example.org/security/');
  });
  it('takes an item version after @ when only the part before it is an item', () => {
    const a = v1('secid:advisory/example.org/esa#GH-ab12@a1b2c3d');
    expect(a.status).toBe('found');
    expect(a.results[0]).toMatchObject({
      id: 'GH-ab12',
      url: 'https://example.org/gh/GH-ab12',
      kind: 'item version a1b2c3d',
    });
  });
  it('picks the longest registered namespace (github.com/advisories over github.com)', () => {
    expect(v1('secid:advisory/github.com/advisories/ghsa#GHSA-abcd-efgh-ijkl').results[0]!.url).toBe(
      'https://github.com/advisories/GHSA-abcd-efgh-ijkl',
    );
    expect(v1('secid:advisory/GitHub.com./octo/repo').results[0]!.url).toBe(
      'https://github.com/octo/repo/security/advisories',
    );
  });
  it('walks version nodes: lookup tables, known values, required versions, unknown versions', () => {
    expect(v1('secid:weakness/listorg.org/top-5@2024#T02').results[0]).toMatchObject({
      url: 'https://listorg.org/2024/T02-Worse_Things/',
      title: 'Worse Things',
      edition: '2024',
    });
    expect(v1('secid:weakness/listorg.org/top5@2020#T1').results[0]).toMatchObject({
      title: 'Old Bad Things',
      url: 'https://listorg.org/2020.pdf',
    });
    const noVersion = v1('secid:weakness/listorg.org/top5#T01');
    expect(noVersion.status).toBe('related');
    expect(noVersion.message).toMatch(/requires a version \(2024, 2020\)/);
    const unknown = v1('secid:weakness/listorg.org/top5@2099#T01');
    expect(unknown.status).toBe('related');
    expect(unknown.message).toMatch(/Version "2099".*Available: 2024, 2020/);
    expect(v1('secid:weakness/listorg.org/top5@2024#T09').status).toBe('related');
  });
  it('answers a source version as the version node (cvss@4.0 style), and the source itself', () => {
    expect(v1('secid:methodology/scoring.org/score@2.0')).toMatchObject({
      status: 'found',
      results: [{ url: 'https://scoring.org/score/v2.0/' }],
    });
    expect(v1('secid:methodology/scoring.org/score')).toMatchObject({
      status: 'found',
      results: [{ url: 'https://scoring.org/score/' }],
    });
  });
  it('lists sources of a namespace and is undefined for a namespace it does not know', () => {
    expect(v1('secid:weakness/listorg.org').results.map((r) => r.secid)).toEqual([
      'secid:weakness/listorg.org/top5',
      'secid:weakness/listorg.org/commits',
    ]);
    expect(resolveV1(store, 'secid:weakness/nowhere.org/x#1')).toBeUndefined();
    expect(v1('secid:weakness/listorg.org/nope').status).toBe('related');
  });
});

describe('SecID 1.0 examples and the importer', () => {
  it('writes every example as a full SecID and checks it, naming failures', () => {
    const ns = convert('weakness/org/listorg.json');
    expect(examplesOf(ns)).toEqual([
      { secid: 'secid:weakness/listorg.org/top5@2024#T01', url: 'https://listorg.org/2024/T01-Bad_Things/' },
    ]);
    const registry = new Registry({ format: 1, sources: [], entities: [], detector: { families: [] } });
    registry.v1 = store;
    const all = files.map(convert);
    const { checked, failures } = checkV1Examples(registry, all);
    expect(checked).toBe(9);
    expect(failures).toEqual([]);
    // A wrong URL in an example is named.
    const broken = convert('methodology/org/scoring.json');
    broken.nodes[0]!.kids![0]!.ex = [{ input: '2.0', url: 'https://scoring.org/elsewhere/' }];
    const result = checkV1Examples(registry, [broken]);
    expect(result.failures).toMatchObject([
      { secid: 'secid:methodology/scoring.org/score#2.0', expected: 'https://scoring.org/elsewhere/' },
    ]);
    expect(
      unexplained(result.failures, [
        {
          secid: 'secid:methodology/scoring.org/score#2.0',
          url: 'https://scoring.org/elsewhere/',
          reason: 'upstream: test',
        },
      ]),
    ).toEqual([]);
  });
  const out = mkdtempSync(join(tmpdir(), 'secid-import-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  it('imports a folder into shards with the commit, reporting refused patterns', () => {
    const result = importSecId({
      folder: FIXTURES,
      ours: { format: 1, sources: [], entities: [], detector: { families: [] } },
      commit: 'abc123',
      date: '2026-01-01',
    });
    expect(result.info).toMatchObject({
      commit: 'abc123',
      files: 5,
      namespaces: { advisory: 3, weakness: 1, methodology: 1 },
      skipped: [],
      exceptions: [],
    });
    expect(result.info.refused_patterns).toEqual([{ namespace: 'advisory/example.org', pattern: '^(a+)+$' }]);
    writeImport(result, out);
    expect(readdirSync(join(out, 'secid-1.0')).sort()).toContain('advisory.json');
    const shard = JSON.parse(readFileSync(join(out, 'secid-1.0', 'advisory.json'), 'utf8'));
    expect(shard.namespaces.map((n: V1Namespace) => n.ns)).toEqual([
      'example.org',
      'github.com',
      'github.com/advisories',
    ]);
  });
  it('records a conflict with our hand-written registry instead of overwriting either', () => {
    const ours = realCompiled();
    const dir = mkdtempSync(join(tmpdir(), 'secid-conflict-'));
    try {
      // Our registry says ML01 lives on its own page and that the registry's anchor is no item link
      // (official_url_wrong): the upstream example is recorded as broken upstream, ours wins, neither is overwritten.
      const ns = {
        schema_version: '1.0',
        namespace: 'owasp.org',
        type: 'weakness',
        status: 'draft',
        official_name: 'OWASP',
        urls: [],
        match_nodes: [
          {
            patterns: ['(?i)^ml-top10$'],
            weight: 100,
            data: {},
            children: [
              {
                patterns: ['^ML\\d{2}$'],
                weight: 100,
                data: {
                  url: 'https://mltop10.info/#{id}/',
                  examples: [{ input: 'ML01', url: 'https://mltop10.info/#ML01/' }],
                },
              },
            ],
          },
        ],
      };
      mkdirSync(join(dir, 'weakness', 'org'), { recursive: true });
      writeFileSync(join(dir, 'weakness', 'org', 'owasp.json'), JSON.stringify(ns));
      const result = importSecId({ folder: dir, ours });
      expect(result.info.exceptions).toEqual([
        {
          secid: 'secid:weakness/owasp.org/ml-top10#ML01',
          url: 'https://mltop10.info/#ML01/',
          reason:
            "upstream: the registry's URL is wrong (https://mltop10.info/#MLnn/ is no item anchor; each item has its own page); ours answers https://mltop10.info/ML01_2023-Input_Manipulation_Attack.html",
        },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SecID 1.0 through the one resolver (ours first, then the import)', () => {
  const registry = new Registry(realCompiled());
  registry.v1 = store;
  it('keeps our answers and both grammars', () => {
    for (const q of ['secid:weakness/owasp/ml-top10@2023#ML01', 'secid:weakness/owasp.org/ml-top10@2023#ML01']) {
      expect(resolve(registry, q).results[0]).toMatchObject({
        title: 'Input Manipulation Attack',
        secid: 'secid:weakness/owasp/ml-top10@2023#ML01',
      });
    }
  });
  it('answers namespaces only the import knows, and leaves bare IDs to ours', () => {
    expect(resolve(registry, 'secid:advisory/example.org/esa#ESA-120-1')).toMatchObject({
      status: 'found',
      query: 'secid:advisory/example.org/esa#ESA-120-1',
    });
    expect(resolve(registry, 'ESA-120-1').status).toBe('not_found');
  });
});
