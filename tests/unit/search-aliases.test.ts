import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AliasTable, aliasTerm } from '../../src/core/search-aliases.ts';
import { parseTsv, records } from '../../src/core/tsv.ts';
import { knowledgeRegistry, realCompiled } from '../support/registry.ts';

const { search } = knowledgeRegistry();

describe('names people use: first search result', () => {
  it.each([
    ['xss', 'CWE-79'],
    ['XSS', 'CWE-79'],
    ['cross-site scripting', 'CWE-79'],
    ['sqli', 'CWE-89'],
    ['SQL injection', 'CWE-89'],
    ['csrf', 'CWE-352'],
    ['ssrf', 'CWE-918'],
    ['xxe', 'CWE-611'],
    ['idor', 'CWE-639'],
    ['rce', 'CWE-94'],
    ['path traversal', 'CWE-22'],
    ['directory traversal', 'CWE-22'],
    ['uaf', 'CWE-416'],
    ['log4shell', 'CVE-2021-44228'],
    ['Log4Shell', 'CVE-2021-44228'],
    ['heartbleed', 'CVE-2014-0160'],
    ['shellshock', 'CVE-2014-6271'],
    ['eternalblue', 'CVE-2017-0144'],
    ['dirty pipe', 'CVE-2022-0847'],
    ['dirtypipe', 'CVE-2022-0847'],
    ['Dirty-COW', 'CVE-2016-5195'],
    ['regreSSHion', 'CVE-2024-6387'],
    ['PrintNightmare', 'CVE-2021-34527'],
    ['zerologon', 'CVE-2020-1472'],
    ['citrix bleed', 'CVE-2023-4966'],
    // Exact IDs and ordinary words still come first where they did.
    ['CWE-79', 'CWE-79'],
    ['T1059.003', 'T1059.003'],
    ['windows command shell', 'T1059.003'],
    ['ML03', 'ML03'],
  ])('%s -> %s', (query, code) => {
    expect(search.search(query, 5)[0]?.code).toBe(code);
  });
  it('a prefix of a nickname finds it too', () => {
    expect(search.search('log4sh', 5).map((h) => h.code)).toContain('CVE-2021-44228');
  });
  it('a nickname with several CVEs lists them in the given order', () => {
    expect(
      search
        .search('proxyshell', 5)
        .slice(0, 3)
        .map((h) => h.code),
    ).toEqual(['CVE-2021-34473', 'CVE-2021-34523', 'CVE-2021-31207']);
  });
});

describe('alias data', () => {
  const nicknames = records(parseTsv(readFileSync('registry/data/nicknames.tsv', 'utf8')));
  it('has at least 60 nicknames, each with well-formed CVEs and our own one-line note', () => {
    expect(nicknames.length).toBeGreaterThanOrEqual(60);
    for (const n of nicknames) {
      expect(
        n.cves!.split(',').every((c) => /^CVE-\d{4}-\d{4,}$/.test(c)),
        n.nickname,
      ).toBe(true);
      expect(n.what!.length, n.nickname).toBeGreaterThan(10);
    }
    expect(new Set(nicknames.map((n) => aliasTerm(n.nickname!))).size).toBe(nicknames.length);
  });
  it("compiles into the registry; a CWE hit carries the CWE entry's own title", () => {
    const xss = realCompiled().aliases?.find((a) => a.terms.includes('xss'));
    expect(xss).toEqual({
      terms: ['xss', 'cross site scripting'],
      secid: 'secid:weakness/mitre/cwe#CWE-79',
      code: 'CWE-79',
    });
    expect(search.search('xss', 1)[0]).toMatchObject({
      code: 'CWE-79',
      sourceShort: 'CWE',
      title: expect.stringMatching(/Cross-site Scripting/),
    });
    expect(search.search('log4shell', 1)[0]).toMatchObject({
      code: 'CVE-2021-44228',
      sourceShort: 'CVE',
      title: expect.stringMatching(/^Log4Shell: /),
    });
  });
  it('matches spelling variants but not substrings', () => {
    const table = new AliasTable([{ terms: ['dirty pipe'], secid: 's', code: 'CVE-2022-0847', title: 't' }]);
    expect(table.lookup('Dirty_Pipe')).toHaveLength(1);
    expect(table.lookup('DIRTYPIPE')).toHaveLength(1);
    expect(table.lookup('dirty')).toHaveLength(0);
    expect(table.lookup('   ')).toHaveLength(0);
  });
});
