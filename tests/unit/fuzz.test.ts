import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalise, parseSecId } from '../../src/core/parse.ts';
import { resolve } from '../../src/core/resolve.ts';
import { SECID_TYPES } from '../../src/core/secid-types.ts';
import { realCompiled, realDetector, realRegistry } from '../support/registry.ts';

// `npm test` runs a few thousand cases; `npm run fuzz` sets FUZZ_RUNS=100000.
const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const registry = realRegistry();
const detector = realDetector({
  families: Object.fromEntries(realCompiled().detector.families.map((f) => [f.id, 'on'])),
});

// Inputs that look like what the tools meet: SecID fragments, real IDs, punctuation, Unicode tricks.
const pieces = fc.constantFrom(
  'secid:',
  'SECID:',
  ...SECID_TYPES,
  '/',
  '#',
  '@',
  '?',
  '&',
  '=',
  '%',
  '%2F',
  '%23',
  '%',
  'owasp',
  'owasp.org',
  'mitre',
  'mitre.org',
  'github.com/advisories',
  'ml-top10',
  'llm-top10',
  'top10',
  'cwe',
  'cve',
  'atlas',
  'attack',
  'ML01',
  'ML11',
  'LLM02',
  'A1',
  'A03',
  ':2025',
  '@2.0',
  'CVE-2024-3094',
  'CWE-79',
  'T1059.003',
  'AML.T0051',
  'VU#867593',
  'GHSA-jfh8-c2jp-5v3q',
  ' ',
  '.',
  ':',
  '\u200B',
  '\u202E',
  '\u0421',
  'javascript:',
  '<img src=x onerror=alert(1)>',
  '..',
  '\\',
  '\n',
);
const craft = fc
  .array(fc.oneof(pieces, fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 14 })
  .map((a) => a.join(''));

function templateHosts(): Set<string> {
  const hosts = new Set<string>();
  for (const s of realCompiled().sources) {
    for (const t of [
      s.lookup,
      ...s.patterns.map((p) => p.url),
      ...s.versions.flatMap((v) => [v.lookup, v.url]),
      ...Object.values(s.urls),
    ]) {
      const m = t && /^https?:\/\/([^/?#{}]+)/.exec(t);
      if (m) hosts.add(m[1]!.toLowerCase());
    }
    for (const v of [s.items, ...s.versions.map((x) => x.items ?? [])])
      for (const i of v) if (i.url) hosts.add(new URL(i.url).host);
  }
  return hosts;
}
const HOSTS = templateHosts();

describe('fuzz: parser, resolver and detector never throw and keep their promises', () => {
  it('parser: never throws; canonical forms are fixed points', () => {
    fc.assert(
      fc.property(craft, (s) => {
        const r = parseSecId(s);
        if (r.ok) {
          const c = canonicalise(s)!;
          expect(canonicalise(c)).toBe(c);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('resolver: never throws, always a known status, every URL is http(s) on a registry host', () => {
    const statuses = new Set(['found', 'corrected', 'related', 'not_found', 'error']);
    fc.assert(
      fc.property(craft, (s) => {
        const a = resolve(registry, s);
        expect(statuses.has(a.status)).toBe(true);
        expect(a.query).toBe(s);
        for (const r of a.results) {
          expect(r.secid.startsWith('secid:')).toBe(true);
          if (r.url !== undefined) {
            const u = new URL(r.url);
            expect(['http:', 'https:']).toContain(u.protocol);
            expect(HOSTS.has(u.host)).toBe(true);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('resolver: canonical SecIDs it returns resolve again to themselves', () => {
    fc.assert(
      fc.property(craft, (s) => {
        const a = resolve(registry, s);
        if (a.status !== 'found' && a.status !== 'corrected') return;
        for (const r of a.results.slice(0, 3)) {
          if (!r.id) continue;
          const again = resolve(registry, r.secid);
          expect(again.results.map((x) => x.secid)).toContain(r.secid);
        }
      }),
      { numRuns: Math.ceil(RUNS / 5) },
    );
  });

  it('detector: never throws; offsets point at the text; no overlaps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(craft, fc.lorem()), { maxLength: 8 }).map((a) => a.join(' ')),
        (text) => {
          let end = 0;
          for (const d of detector.detect(text)) {
            expect(text.slice(d.start, d.end)).toBe(d.text);
            expect(d.start).toBeGreaterThanOrEqual(end);
            end = d.end;
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
