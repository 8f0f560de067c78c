import { describe, expect, it } from 'vitest';
import { resolve } from '../../src/core/resolve.ts';
import { realRegistry } from '../support/registry.ts';

const registry = realRegistry();
const r = (q: string, options = {}) => resolve(registry, q, options);

describe('resolve: full SecIDs', () => {
  it('resolves the seed example in our namespace and in the SecID 1.0 domain namespace alike', () => {
    for (const q of [
      'secid:weakness/owasp/ml-top10@2023#ML01',
      'secid:weakness/owasp.org/ml-top10@2023#ML01',
      'SECID:weakness/OWASP.org./ML-Top10@2023#ML01',
    ]) {
      const a = r(q);
      expect(a.status, q).toBe('found');
      expect(a.results[0]).toMatchObject({
        secid: 'secid:weakness/owasp/ml-top10@2023#ML01',
        secid_v1: 'secid:weakness/owasp.org/ml-top10@2023#ML01',
        url: 'https://mltop10.info/ML01_2023-Input_Manipulation_Attack.html',
        title: 'Input Manipulation Attack',
        source_name: 'OWASP Machine Learning Security Top 10',
        edition: '2023',
      });
    }
  });
  it('echoes the query in both field names of the SecID resolver API', () => {
    const a = r('secid:weakness/owasp/ml-top10#ML05');
    expect(a.query).toBe('secid:weakness/owasp/ml-top10#ML05');
    expect(a.secid_query).toBe(a.query);
  });
  it('answers items outside a closed list as related with a message, not found', () => {
    const a = r('secid:weakness/owasp/ml-top10#ML11');
    expect(a.status).toBe('related');
    expect(a.message).toMatch(/ML11 is not an item of OWASP ML Top 10.*ML01–ML10/);
    expect(a.results[0]!.secid).toBe('secid:weakness/owasp/ml-top10');
  });
  it('rejects an unknown edition of a versioned list and names the known ones', () => {
    const a = r('secid:weakness/owasp/llm-top10@2099#LLM01');
    expect(a.status).toBe('not_found');
    expect(a.message).toMatch(/2025.*2023|2023.*2025/);
  });
  it('reaches the right edition from @2.0 and from @2025', () => {
    for (const q of [
      'secid:weakness/owasp/llm-top10@2.0#LLM02',
      'secid:weakness/owasp/llm-top10@2025#LLM02',
      'llm-top10@2025#LLM02',
    ]) {
      expect(r(q).results[0]).toMatchObject({
        title: 'Sensitive Information Disclosure',
        version: '2.0',
        edition: '2025',
      });
    }
    expect(r('secid:weakness/owasp/llm-top10@1.0#LLM02').results[0]!.title).toBe('Insecure Output Handling');
  });
  it('suggests the 2017 spelling for a 2021-style ID', () => {
    const a = r('secid:weakness/owasp/top10@2017#A03');
    expect(a.status).toBe('related');
    expect(a.message).toContain('Did you mean A3?');
  });
  it('lists sources for a namespace and types for the bare scheme', () => {
    const ns = r('secid:weakness/owasp');
    expect(ns.status).toBe('found');
    expect(ns.results.map((x) => x.secid)).toEqual(
      expect.arrayContaining(['secid:weakness/owasp/ml-top10', 'secid:weakness/owasp/llm-top10']),
    );
    expect(r('secid:').results).toHaveLength(10);
    const source = r('secid:weakness/owasp/ml-top10');
    expect(source.results[0]!.data?.versions_available?.[0]?.version).toBe('2023');
  });
  it('reports unknown types with the valid ones and unknown namespaces with the nearest ones', () => {
    expect(r('secid:frobnicate/x/y')).toMatchObject({ status: 'not_found' });
    expect(r('secid:frobnicate/x/y').message).toContain('weakness');
    expect(r('secid:weaknes/owasp/ml-top10').message).toContain('Did you mean weakness');
    expect(r('secid:weakness/owsap/ml-top10#ML01').message).toContain('Nearest known: owasp');
  });
  it('corrects an item given where the source name belongs, and a type-scoped ID', () => {
    const a = r('secid:weakness/owasp/ML03');
    expect(a.status).toBe('corrected');
    expect(a.results[0]!.secid).toBe('secid:weakness/owasp/ml-top10#ML03');
    const b = r('secid:weakness/ML03');
    expect(b.results.map((x) => x.secid)).toEqual(['secid:weakness/owasp/ml-top10#ML03']);
    expect(r('secid:ttp/AML.T0015').results[0]!.secid).toBe('secid:ttp/mitre/atlas#AML.T0015');
    expect(r('secid:advisory/redhat.com/RHSA-2024:1234')).toMatchObject({
      status: 'corrected',
      results: [{ secid: 'secid:advisory/redhat/errata#RHSA-2024:1234' }],
    });
  });
  it('resolves a sub-namespace of SecID 1.0 by the longest registered namespace', () => {
    expect(r('secid:advisory/github.com/advisories/ghsa#GHSA-jfh8-c2jp-5v3q').results[0]!.secid).toBe(
      'secid:advisory/github/ghsa#GHSA-jfh8-c2jp-5v3q',
    );
  });
  it('links a section of an item to the item', () => {
    const a = r('secid:weakness/owasp/ml-top10#ML03/description');
    expect(a.status).toBe('found');
    expect(a.results[0]!.url).toBe('https://mltop10.info/ML03_2023-Model_Inversion_Attack.html');
  });
  it('returns error for empty, too long and malformed input without throwing', () => {
    expect(r('').status).toBe('error');
    expect(r('   ').status).toBe('error');
    expect(r(`secid:weakness/owasp/ml-top10#${'x'.repeat(2000)}`).status).toBe('error');
    expect(r('secid:weakness/owasp/ml-top10#%E0%A4%A').status).toBe('error');
  });
});

describe('resolve: bare IDs', () => {
  it('puts cve.org first for a CVE and lists the other databases after it', () => {
    const a = r('CVE-2024-3094');
    expect(a.status).toBe('found');
    expect(a.results[0]).toMatchObject({
      secid: 'secid:advisory/mitre/cve#CVE-2024-3094',
      url: 'https://www.cve.org/CVERecord?id=CVE-2024-3094',
    });
    expect(a.results[1]!.secid).toBe('secid:advisory/nist/nvd#CVE-2024-3094');
    expect(a.results.length).toBeGreaterThan(3);
  });
  it('resolves a bare ID of a versioned list to every edition, current first, with a note', () => {
    const a = r('LLM02');
    expect(a.status).toBe('found');
    expect(a.results.map((x) => [x.edition, x.title])).toEqual([
      ['2025', 'Sensitive Information Disclosure'],
      ['2023', 'Insecure Output Handling'],
    ]);
    expect(a.message).toMatch(/different things in 2 editions/);
    expect(a.results[0]!.guess).toMatch(/current/);
  });
  it('honours an edition written with the ID, a preferred edition and a nearby mention', () => {
    expect(r('LLM01:2025').results).toHaveLength(1);
    expect(r('A03:2021').results[0]).toMatchObject({
      title: 'Injection',
      secid: 'secid:weakness/owasp/top10@2021#A03',
    });
    expect(r('ML01:2023').results[0]!.title).toBe('Input Manipulation Attack');
    const preferred = r('LLM02', { preferredEditions: { 'weakness/owasp/llm-top10': '1.0' } });
    expect(preferred.results[0]).toMatchObject({ edition: '2023', guess: 'Your default edition for this list.' });
    expect(r('LLM02', { contextEdition: '2023' }).results[0]!.guess).toContain('2023');
  });
  it('resolves A1 to both editions that have it, and A01 to 2025 (current) then 2021', () => {
    expect(r('A1').results.map((x) => x.edition)).toEqual(['2017', '2013']);
    expect(r('A01').results.map((x) => x.edition)).toEqual(['2025', '2021']);
  });
  it('corrects case', () => {
    expect(r('ml03')).toMatchObject({
      status: 'corrected',
      results: [{ secid: 'secid:weakness/owasp/ml-top10#ML03' }],
    });
    expect(r('cve-2024-3094').results[0]!.secid).toBe('secid:advisory/mitre/cve#CVE-2024-3094');
  });
  it('builds per-kind ATT&CK and ATLAS URLs', () => {
    expect(r('T1059.003').results[0]!.url).toBe('https://attack.mitre.org/techniques/T1059/003/');
    expect(r('TA0001').results[0]!.url).toBe('https://attack.mitre.org/tactics/TA0001/');
    expect(r('AML.TA0002').results[0]!.url).toBe('https://atlas.mitre.org/tactics/AML.TA0002');
    expect(r('AML.T0051').results[0]).toMatchObject({
      title: 'LLM Prompt Injection',
      url: 'https://atlas.mitre.org/techniques/AML.T0051',
    });
  });
  it('shows relationships in both directions', () => {
    const ml01 = r('ML01').results[0]!;
    expect(ml01.related).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ secid: 'secid:ttp/mitre/atlas#AML.T0015', title: 'Evade AI Model' }),
      ]),
    );
    const t0015 = r('AML.T0015').results[0]!;
    expect(t0015.related?.map((x) => x.secid)).toContain('secid:weakness/owasp/ml-top10#ML01');
  });
  it('gives CWE titles from the bundled catalogue with its version', () => {
    const a = r('CWE-79').results[0]!;
    expect(a.title).toContain('Cross-site Scripting');
    expect(a.catalog).toMatch(/^CWE \d+\.\d+/);
  });
  it('resolves CERT VU IDs, whose ID contains #', () => {
    expect(r('VU#867593').results[0]!.url).toBe('https://www.kb.cert.org/vuls/id/867593');
  });
  it('resolves name#item shorthands and says what it does not know', () => {
    expect(r('ml-top10#ML03').results[0]!.title).toBe('Model Inversion Attack');
    expect(r('nosuchlist#X1').status).toBe('not_found');
    expect(r('completely unknown words').status).toBe('not_found');
  });
  it('never builds a URL off the template host or outside http(s)', () => {
    for (const q of ['CVE-2024-3094', 'LLM01', 'T1059.003', 'GHSA-jfh8-c2jp-5v3q', 'CWE-79', 'VU#867593']) {
      for (const res of r(q).results) if (res.url) expect(res.url).toMatch(/^https?:\/\//);
    }
  });
});
