import { describe, expect, it } from 'vitest';
import { scanText } from '../../src/core/scan.ts';
import { realDetector, realRegistry } from '../support/registry.ts';

const detector = realDetector();
const texts = (s: string) => detector.detect(s).map((d) => d.text);

describe('detector', () => {
  it('finds SecID strings and bare IDs with offsets', () => {
    const text = 'See secid:weakness/owasp/ml-top10#ML01 and CVE-2024-3094.';
    const found = detector.detect(text);
    expect(found.map((d) => [d.text, d.kind])).toEqual([
      ['secid:weakness/owasp/ml-top10#ML01', 'secid'],
      ['CVE-2024-3094', 'bare'],
    ]);
    for (const d of found) expect(text.slice(d.start, d.end)).toBe(d.text);
  });
  it('respects word boundaries: HTML01, ML011, XML10, LLM2 are not IDs', () => {
    expect(texts('HTML01 ML011 XML10 LLM2 xML01 ML01x ML01_ 1ML01')).toEqual([]);
    expect(texts('(ML01) [ML02], ML03; "ML04".')).toEqual(['ML01', 'ML02', 'ML03', 'ML04']);
  });
  it('keeps the edition written with the ID', () => {
    const [a, b, c] = detector.detect('ML01:2023, LLM01:2025 and A03:2021.');
    expect([a!.text, a!.edition]).toEqual(['ML01:2023', '2023']);
    expect([b!.text, b!.edition]).toEqual(['LLM01:2025', '2025']);
    expect([c!.text, c!.edition]).toEqual(['A03:2021', '2021']);
  });
  it('drops trailing sentence punctuation but keeps dots inside IDs', () => {
    expect(texts('Use secid:ttp/mitre/attack#T1059.003.')).toEqual(['secid:ttp/mitre/attack#T1059.003']);
    expect(texts('(see secid:weakness/owasp/ml-top10#ML01)')).toEqual(['secid:weakness/owasp/ml-top10#ML01']);
    expect(texts('T1059.003, T1059.')).toEqual(['T1059.003', 'T1059']);
  });
  it('does not read ATT&CK IDs inside ATLAS IDs', () => {
    expect(texts('AML.T0051 and AML.T0051.001')).toEqual(['AML.T0051', 'AML.T0051.001']);
  });
  it('needs context for noisy families: A01 alone is not found, with an edition or near "OWASP Top 10" it is', () => {
    expect(texts('Section A01 of the form')).toEqual([]);
    expect(texts('OWASP Top 10 risk A01 is first')).toEqual(['A01']);
    expect(texts('A01:2021')).toEqual(['A01:2021']);
  });
  it('lets the user switch families on and off', () => {
    expect(
      realDetector({ families: { 'owasp-ml-top10': 'off' } })
        .detect('ML01 CVE-2024-3094')
        .map((d) => d.text),
    ).toEqual(['CVE-2024-3094']);
  });
  it('notes an edition mentioned nearby', () => {
    const [d] = detector.detect('In the OWASP LLM Top 10 2023 list, LLM02 was about output handling.');
    expect(d).toMatchObject({ text: 'LLM02', contextEdition: '2023' });
  });
  it('ignores look-alike characters (Cyrillic С in СVE) and zero-width joins', () => {
    expect(texts('\u0421VE-2024-1234')).toEqual([]);
    expect(texts('secid:weakness/owasp/\u200Bml-top10#ML01')).toEqual([]);
  });
  it('bounds SecID strings: an over-long token is not a SecID', () => {
    expect(texts(`secid:weakness/${'a'.repeat(5000)}`)).toEqual([]);
  });
});

describe('scanText', () => {
  it('reports 1-based line and column and resolves each hit', () => {
    const hits = scanText('first line\n  LLM01:2025 here\nCWE-79', detector, realRegistry());
    expect(hits.map((h) => [h.text, h.line, h.column, h.resolution.status])).toEqual([
      ['LLM01:2025', 2, 3, 'found'],
      ['CWE-79', 3, 1, 'found'],
    ]);
  });
});

describe('mayContain: which text on a page reaches the detector', () => {
  it('lets text without digits skip the detector', () => {
    expect(detector.mayContain('no identifiers here')).toBe(false);
    expect(detector.mayContain('ML01')).toBe(true);
  });
  it('lets through the IDs and SecIDs that have no digit, so a page finds them', () => {
    // A GHSA ID's twelve characters may all be letters; a Cisco advisory's suffix often is; a SecID may name a list.
    for (const text of [
      'Fixed in GHSA-cfgh-jmpq-rvwx.',
      'See cisco-sa-asaftd-webvpn-YROOTUW',
      'secid:weakness/mitre/cwe',
    ]) {
      expect(detector.mayContain(text), text).toBe(true);
      expect(texts(text), text).toHaveLength(1);
    }
  });
});
