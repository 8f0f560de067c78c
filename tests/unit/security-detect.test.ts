import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realDetector } from '../support/registry.ts';

// Text tricks a hostile page can play on the detector (the e2e side is tests/e2e/hostile-payloads.spec.ts).

const detector = realDetector();
const texts = (s: string) => detector.detect(s).map((d) => d.text);

const IDS = [
  'ML01',
  'LLM01:2025',
  'CVE-2024-3094',
  'CWE-79',
  'AML.T0051',
  'T1059.003',
  'ASI01',
  'A03:2021',
  'CAPEC-66',
];
// Letters and digits with look-alikes in other scripts (Cyrillic, Greek, full-width, Arabic-Indic and Devanagari digits).
const LOOKALIKES: Record<string, string[]> = {
  A: ['\u0410', '\u0391', '\uFF21'],
  C: ['\u0421', '\u03F9', '\uFF23'],
  E: ['\u0415', '\u0395', '\uFF25'],
  L: ['\u216C', '\uFF2C'],
  M: ['\u041C', '\u039C', '\uFF2D'],
  T: ['\u0422', '\u03A4', '\uFF34'],
  V: ['\u0474', '\uFF36'],
  W: ['\u051C', '\uFF37'],
  P: ['\u0420', '\u03A1'],
  S: ['\u0405', '\uFF33'],
  I: ['\u0406', '\u0399'],
  K: ['\u041A', '\u039A'],
  '0': ['\u0660', '\u06F0', '\u0966', '\uFF10', '\u041E'],
  '1': ['\u0661', '\u0967', '\uFF11'],
  '2': ['\u0662', '\uFF12'],
  '3': ['\u0663', '\uFF13'],
  '5': ['\u0665', '\uFF15'],
  '7': ['\u0667', '\uFF17'],
  '9': ['\u0669', '\uFF19'],
};
const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];
const BIDI = [
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200E',
  '\u200F',
  '\u061C',
];

describe('detector against page-text tricks', () => {
  it('every sample ID is found as itself (so the properties below are about the tricks)', () => {
    for (const id of IDS) expect(texts(`see ${id} here`), id).toEqual([id]);
  });

  it('a look-alike character anywhere in an ID never yields that ID, and nothing found contains a non-ASCII character', () => {
    const cases = IDS.flatMap((id) =>
      [...id].flatMap((ch, i) => (LOOKALIKES[ch] ?? []).map((alt) => `${id.slice(0, i)}${alt}${id.slice(i + 1)}`)),
    );
    expect(cases.length).toBeGreaterThan(80);
    for (const spoof of cases) {
      const found = texts(`see ${spoof} here`);
      expect(found, spoof).not.toContain(spoof.normalize('NFKC'));
      for (const t of found) expect(t, spoof).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('a zero-width character inside an ID or a SecID voids it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...IDS, 'secid:weakness/owasp/ml-top10#ML01'),
        fc.constantFrom(...INVISIBLE),
        fc.nat(),
        (id, zw, at) => {
          const i = 1 + (at % (id.length - 1));
          const cut = `${id.slice(0, i)}${zw}${id.slice(i)}`;
          for (const t of texts(`see ${cut} here`)) expect(t.includes(zw) || t === id, JSON.stringify(cut)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('bidi controls around an ID are not part of what is found', () => {
    for (const c of BIDI)
      expect(texts(`see ${c}ML03${c} and ${c}CVE-2024-3094\u202C`), JSON.stringify(c)).toEqual([
        'ML03',
        'CVE-2024-3094',
      ]);
  });

  // A bidi control inside a SecID would make the card's ID line read reordered ("...#ML01" for `#\u202E10LM`).
  it('a bidi control inside a SecID voids it, like a zero-width character', () => {
    for (const c of BIDI)
      expect(texts(`see secid:weakness/owasp/ml-top10#${c}10LM here`), JSON.stringify(c)).toEqual([]);
  });
});
