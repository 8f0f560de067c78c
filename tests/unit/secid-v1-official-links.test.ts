// Where our hand-written registry and the official SecID 1.0 registry both answer a SecID with different links, ours
// stays first and the official one follows, marked; validation wants the official example URL among the results.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { omniboxTarget } from '../../src/background/omnibox.ts';
import { formatCard } from '../../src/cli/format.ts';
import { importSecId } from '../../src/compiler/import-secid.ts';
import { validateV1 } from '../../src/compiler/v1-validate.ts';
import { resolve } from '../../src/core/resolve.ts';
import type { ResolveResponse } from '../../src/core/resolve-types.ts';
import { staleExceptions, unexplained, type V1ExampleFailure } from '../../src/core/v1/check.ts';
import { convertNamespace } from '../../src/core/v1/convert.ts';
import { officialLinks, sameUrlKey } from '../../src/core/v1/merge.ts';
import { yearOf } from '../../src/core/year-by-number.ts';
import { realCompiled, realRegistry } from '../support/registry.ts';

const registry = realRegistry();
const r = (q: string) => resolve(registry, q);
const urls = (q: string) => r(q).results.map((x) => x.url);

describe('official links beside ours', () => {
  it('keeps our answer first and adds the registry URL after it, marked and lower', () => {
    const a = r('secid:advisory/ubuntu.com/cve-tracker#CVE-2023-44487');
    expect(a.status).toBe('found');
    expect(a.results[0]).toMatchObject({ url: 'https://ubuntu.com/security/CVE-2023-44487' });
    expect(a.results[0]!.origin).toBeUndefined();
    const official = a.results.find((x) => x.url === 'https://ubuntu.com/security/cves/CVE-2023-44487');
    expect(official).toMatchObject({ origin: 'secid-1.0' });
    expect(official!.weight).toBeLessThan(a.results[0]!.weight);
  });
  it('does so for our own spelling of the namespace too', () => {
    expect(urls('secid:advisory/ubuntu/cve-tracker#CVE-2024-1234')).toEqual([
      'https://ubuntu.com/security/CVE-2024-1234',
      'https://ubuntu.com/security/cves/CVE-2024-1234',
    ]);
  });
  it('adds every further URL the registry gives, once (CVE: the cvelistV5 record)', () => {
    const list = urls('secid:advisory/mitre.org/cve#CVE-2024-1234');
    expect(list[0]).toBe('https://www.cve.org/CVERecord?id=CVE-2024-1234');
    expect(list).toContain('https://github.com/CVEProject/cvelistV5/blob/main/cves/2024/1xxx/CVE-2024-1234.json');
    expect(new Set(list).size).toBe(list.length);
  });
  it('adds nothing where the registry gives our URL, and nothing for a bare ID', () => {
    expect(r('secid:advisory/ubuntu.com/usn#USN-6543-1').results.filter((x) => x.origin)).toEqual([]);
    expect(r('CVE-2023-44487').results.filter((x) => x.origin)).toEqual([]);
  });
  it('adds nothing to a namespace listing, for a trailing slash, or for a source asked for by name', () => {
    expect(r('secid:regulation/eu').results.filter((x) => x.origin)).toEqual([]);
    expect(r('secid:advisory/apache/jira').results.filter((x) => x.origin)).toEqual([]);
    // The official registry's item template is not filled with the source's own name.
    expect(urls('secid:advisory/rustsec/advisories')).toEqual(['https://rustsec.org/']);
    expect(sameUrlKey('https://issues.apache.org/jira/')).toBe(sameUrlKey('https://issues.apache.org/jira'));
    expect(sameUrlKey('https://x.org/')).toBe('https://x.org/');
  });
  it('never offers a registry URL our file says is wrong (official_url_wrong)', () => {
    expect(urls('secid:advisory/avidml.org/avid#AVID-2023-V001')).toEqual([
      'https://avidml.org/database/AVID-2023-V001',
    ]);
    expect(urls('secid:weakness/owasp.org/ml-top10#ML01')).toEqual([
      'https://mltop10.info/ML01_2023-Input_Manipulation_Attack.html',
    ]);
    expect(registry.source('advisory/avid/avid')!.officialUrlWrong).toMatch(/database\/vulnerability/);
    expect(urls('secid:advisory/aws.amazon.com/alas#ALAS-2024-1234')).toEqual([
      'https://alas.aws.amazon.com/AL2023/ALAS-2024-1234.html',
    ]);
  });
  it('officialLinks: skips URLs ours has, keeps weights below ours, leaves ours untouched', () => {
    const ours: ResolveResponse = {
      query: 'q',
      secid_query: 'q',
      status: 'found',
      results: [{ secid: 'a', secid_v1: 'a', weight: 60, url: 'https://x.org/1' }],
    };
    const v1: ResolveResponse = {
      query: 'q',
      secid_query: 'q',
      status: 'found',
      results: [
        { secid: 'b', secid_v1: 'b', weight: 100, url: 'https://x.org/1' },
        { secid: 'b', secid_v1: 'b', weight: 100, url: 'https://y.org/1' },
        { secid: 'b', secid_v1: 'b', weight: 100, url: 'https://y.org/1' },
        { secid: 'b', secid_v1: 'b', weight: 30 },
      ],
    };
    const merged = officialLinks(ours, v1);
    expect(merged.results.map((x) => [x.url, x.weight, x.origin])).toEqual([
      ['https://x.org/1', 60, undefined],
      ['https://y.org/1', 59, 'secid-1.0'],
    ]);
    expect(ours.results).toHaveLength(1);
    const skipped = officialLinks(
      { ...ours, results: [{ ...ours.results[0]!, source_secid: 'secid:advisory/avid/avid' }] },
      v1,
      { officialUrlWrong: () => 'wrong' },
    );
    expect(skipped.results).toHaveLength(1);
  });
  it("the omnibox's Enter still goes to our page when the registry adds a link (one thing, not several)", () => {
    const page = (q: string) => `resolve:${q}`;
    expect(r('secid:advisory/apple/ht').results.some((x) => x.origin)).toBe(true);
    expect(omniboxTarget('secid:advisory/apple/ht', registry, page)).toBe(r('secid:advisory/apple/ht').results[0]!.url);
    expect(omniboxTarget('secid:advisory/ubuntu/cve-tracker#CVE-2024-3094', registry, page)).toBe(
      'https://ubuntu.com/security/CVE-2024-3094',
    );
  });
  it('the CLI card says where such a link comes from', () => {
    const official = r('secid:advisory/rustsec.org/advisories#RUSTSEC-2024-0001');
    // Our file now gives the registry's own form (no .html): one link, ours.
    expect(official.results.map((x) => x.url)).toEqual(['https://rustsec.org/advisories/RUSTSEC-2024-0001']);
    const ubuntu = r('secid:advisory/ubuntu.com/cve-tracker#CVE-2023-44487').results;
    expect(formatCard(ubuntu.find((x) => x.origin)!)).toContain('official SecID 1.0 registry');
    expect(formatCard(ubuntu[0]!)).not.toContain('official SecID 1.0 registry');
  });
});

describe('Debian advisories link to their page, the year taken from the number', () => {
  it('yearOf: the year whose range holds the number; none below the table or in its last, open year', () => {
    const starts: [number, string][] = [
      [1, '2000'],
      [11, '2001'],
      [96, '2002'],
    ];
    expect(yearOf(starts, 1)).toBe('2000');
    expect(yearOf(starts, 10)).toBe('2000');
    expect(yearOf(starts, 11)).toBe('2001');
    expect(yearOf(starts, 95)).toBe('2001');
    expect(yearOf(starts, 96)).toBeUndefined();
    expect(yearOf(starts, 0)).toBeUndefined();
    expect(yearOf(starts, Number.NaN)).toBeUndefined();
    expect(yearOf([], 5)).toBeUndefined();
  });
  it('our DSA and DLA files give the advisory page, as the official registry does (no second link then)', () => {
    expect(urls('secid:advisory/debian/dsa#DSA-5678-1')).toEqual(['https://www.debian.org/security/2024/dsa-5678']);
    expect(urls('secid:advisory/debian.org/dsa#DSA-5432-2')).toEqual(['https://www.debian.org/security/2023/dsa-5432']);
    expect(urls('secid:advisory/debian/dla#DLA-4100-1')).toEqual(['https://www.debian.org/lts/security/2025/dla-4100']);
    expect(r('DLA-3456-2').results[0]!.url).toBe('https://www.debian.org/lts/security/2023/dla-3456');
  });
  it("the table's last year may have ended: the tracker, with the registry's guess after it", () => {
    expect(urls('secid:advisory/debian.org/dsa#DSA-6100-1')).toEqual([
      'https://security-tracker.debian.org/tracker/DSA-6100-1',
      'https://www.debian.org/security/2026/dsa-6100',
    ]);
    expect(r('DSA-6100-1').results[0]!.url).toBe('https://security-tracker.debian.org/tracker/DSA-6100-1');
  });
});

describe('validation: the example URL must be among the results', () => {
  const failure = (secid: string, expected?: string): V1ExampleFailure => ({
    secid,
    status: 'found',
    got: [],
    ours: true,
    ...(expected ? { expected } : {}),
  });
  it('an ours: record excuses nothing; an upstream: record does; stale records are found', () => {
    const f = [failure('secid:a/x.org/n#1', 'https://x.org/1'), failure('secid:a/x.org/n#2', 'https://x.org/2')];
    const records = [
      { secid: 'secid:a/x.org/n#1', url: 'https://x.org/1', reason: 'ours: differs' },
      { secid: 'secid:a/x.org/n#2', url: 'https://x.org/2', reason: 'upstream: broken' },
      { secid: 'secid:a/x.org/n#3', reason: 'upstream: used to fail' },
    ];
    expect(unexplained(f, records).map((x) => x.secid)).toEqual(['secid:a/x.org/n#1']);
    expect(staleExceptions(f, records).map((x) => x.secid)).toEqual(['secid:a/x.org/n#3']);
  });
  it('the importer records no exception where ours merely links elsewhere (the registry URL is added)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'secid-v1-ubuntu-'));
    try {
      const ns = {
        schema_version: '1.0',
        namespace: 'ubuntu.com',
        type: 'advisory',
        official_name: 'Ubuntu',
        match_nodes: [
          {
            patterns: ['(?i)^cve-tracker$'],
            weight: 100,
            data: {},
            children: [
              {
                patterns: ['^CVE-\\d{4}-\\d{4,}$'],
                weight: 100,
                data: {
                  url: 'https://ubuntu.com/security/cves/{id}',
                  examples: [{ input: 'CVE-2023-44487', url: 'https://ubuntu.com/security/cves/CVE-2023-44487' }],
                },
              },
            ],
          },
        ],
      };
      mkdirSync(join(folder, 'advisory', 'com'), { recursive: true });
      writeFileSync(join(folder, 'advisory', 'com', 'ubuntu.json'), JSON.stringify(ns));
      expect(importSecId({ folder, ours: realCompiled() }).info.exceptions).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
  const dir = mkdtempSync(join(tmpdir(), 'secid-v1-validate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('validateV1 names an example whose URL is missing, a stale record and an ours: record', () => {
    const raw = JSON.parse(readFileSync('tests/fixtures/secid-registry/registry/methodology/org/scoring.json', 'utf8'));
    const converted = convertNamespace(raw);
    if (!converted.ok) throw new Error('fixture does not convert');
    const ns = converted.value;
    ns.nodes[0]!.kids![0]!.ex = [{ input: '2.0', url: 'https://scoring.org/elsewhere/' }];
    mkdirSync(join(dir, 'secid-1.0'), { recursive: true });
    writeFileSync(
      join(dir, 'secid-1.0', 'methodology.json'),
      JSON.stringify({ type: 'methodology', namespaces: [ns] }),
    );
    const info = {
      upstream: 'test',
      schema_version: '1.0',
      files: 1,
      namespaces: { methodology: 1 },
      refused_patterns: [],
      skipped: [],
      exceptions: [
        { secid: 'secid:methodology/scoring.org/score#9.9', reason: 'upstream: no longer failing' },
        { secid: 'secid:methodology/scoring.org/score#1.0', reason: 'ours: we differ' },
      ],
    };
    writeFileSync(join(dir, 'secid-1.0', 'import.json'), JSON.stringify(info));
    const v = validateV1(dir, { format: 1, sources: [], entities: [], detector: { families: [] } });
    const reasons = v.problems.map((p) => `${p.field}: ${p.reason}`);
    expect(reasons).toContainEqual(
      expect.stringMatching(
        /^scoring\.org: example secid:methodology\/scoring\.org\/score#2\.0: found, expected https:\/\/scoring\.org\/elsewhere\/ among the results/,
      ),
    );
    expect(reasons).toContainEqual(
      expect.stringMatching(/^exceptions: secid:methodology\/scoring\.org\/score#9\.9: .*remove the record/),
    );
    expect(reasons).toContainEqual(
      expect.stringMatching(/^exceptions: secid:methodology\/scoring\.org\/score#1\.0: only upstream faults/),
    );
    expect(v.withUrl).toBeGreaterThan(v.urlAmongResults);
  });
});
