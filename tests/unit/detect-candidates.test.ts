import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeGenerated } from '../../src/compiler/write-generated.ts';
import { realCompiled, realDetector } from '../support/registry.ts';

describe('Detector.candidates', () => {
  const detector = realDetector();
  const pieces = [
    'LLM01',
    ':2025',
    'ML03',
    'CVE-2024-3094',
    'CWE-79',
    'AML.T0051',
    'T1059.003',
    'A03:2021',
    'secid:weakness/owasp/ml-top10#ML01',
    'GHSA-jfh8-c2jp-5v3q',
    'HTML01',
    'x',
    ' ',
    '.',
    '-',
    '(',
    ')',
    'é',
    '2023',
    'OWASP',
    'MITRE',
    'ATT&CK',
    '\n',
  ];

  it('covers every detection of any piece of the text, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), fc.nat(), fc.nat(), (parts, x, y) => {
        const full = parts.join('');
        const a = full.length ? x % full.length : 0;
        const b = a + (full.length - a ? y % (full.length - a + 1) : 0);
        const spans = detector.candidates(full);
        for (const d of detector.detect(full.slice(a, b))) {
          const start = a + d.start;
          const end = a + d.end;
          let covered = false;
          for (let i = 0; i < spans.length; i += 2) if (spans[i]! < end && start < spans[i + 1]!) covered = true;
          expect(covered, `${d.text} in ${JSON.stringify(full)} [${a}, ${b})`).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the same candidates when a long text is searched in windows', () => {
    const long = Array.from({ length: 4000 }, (_, i) =>
      i % 7 === 0 ? `CVE-2024-${1000 + i}` : 'lorem ipsum dolor',
    ).join(' ');
    const whole = detector.candidates(long);
    const windowed: number[] = [];
    for (let from = 0; from < long.length; from += 1000)
      detector.candidates(long, from, Math.min(long.length, from + 1000), windowed);
    // Windows may add candidates that start inside another (harmless); every whole-text candidate is there.
    const starts = new Set(windowed.filter((_, i) => i % 2 === 0));
    for (let i = 0; i < whole.length; i += 2) expect(starts.has(whole[i]!)).toBe(true);
    expect(whole.length / 2).toBe(572);
  });

  it('finds nothing in text without IDs', () => {
    expect(detector.candidates('Plain prose with numbers like 42 and dates like 2024-05-01.')).toEqual([]);
  });
});

describe("the first stage's candidate rules (candidate-rules.json)", () => {
  it('carry every family of the detector, with the same pattern and default, and nothing the first stage does not use', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secid-generated-'));
    const registry = realCompiled();
    writeGenerated(registry, dir);
    const rules = JSON.parse(readFileSync(join(dir, 'candidate-rules.json'), 'utf8')) as {
      families: Record<string, unknown>[];
    };
    rmSync(dir, { recursive: true, force: true });
    expect(rules.families).toEqual(
      registry.detector.families.map((f) => ({ id: f.id, pattern: f.pattern, default: f.default })),
    );
  });
});
