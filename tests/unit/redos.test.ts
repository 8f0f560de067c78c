import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRegistry } from '../../src/compiler/compile.ts';
import { VERDICTS_FILE, VerdictStore, decideRedos, memoryStore } from '../../src/compiler/redos.ts';
import {
  AFTER_CONSUMING,
  AFTER_LOOKAHEAD,
  candidatePattern,
  combinedPattern,
  detectorBranches,
} from '../../src/core/detect.ts';
import { readFileSync } from 'node:fs';

describe('ReDoS verdicts', () => {
  it('are decided exactly: a nested quantifier is vulnerable, a simple ID pattern safe, lookaround unprovable', () => {
    expect(decideRedos(String.raw`^(a+)+$`)).toMatchObject({
      safe: false,
      status: 'vulnerable',
      complexity: 'exponential',
    });
    expect(decideRedos(String.raw`\d+\d+x`)).toMatchObject({ safe: false, status: 'vulnerable' });
    expect(decideRedos(String.raw`CVE-\d{4}-\d{4,}`)).toMatchObject({ safe: true, status: 'safe' });
    const lookaround = decideRedos(String.raw`(?<!x)CVE-\d+`);
    expect(lookaround).toMatchObject({ safe: false, status: 'unprovable' });
    expect(lookaround.reason).toContain('lookaround');
  });

  it('give the same answer on every run (no fuzzing, no random seed, no time budget in the verdict)', () => {
    const pattern = String.raw`(?:(?:GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}))${AFTER_CONSUMING}`;
    const first = decideRedos(pattern);
    expect(first.safe).toBe(true);
    for (let i = 0; i < 3; i++) expect(decideRedos(pattern)).toEqual(first);
  });

  it('are committed for every pattern the registry uses, so the build proves nothing on a clean clone', () => {
    const store = new VerdictStore();
    const { problems } = compileRegistry('registry', { redos: store });
    expect(problems).toEqual([]);
    expect(store.proved).toBe(0);
    expect(store.stale).toBe(false);
  });

  it('in the committed file match a fresh proof', () => {
    const { verdicts } = JSON.parse(readFileSync(VERDICTS_FILE, 'utf8')) as {
      verdicts: Record<string, { status: string }>;
    };
    const keys = Object.keys(verdicts);
    // A spread sample keeps the test quick; the build re-proves any pattern whose text changes.
    for (const key of keys.filter((_, i) => i % Math.ceil(keys.length / 8) === 0)) {
      const source = key.slice(key.indexOf('/') + 1);
      expect(decideRedos(source, key.slice(0, key.indexOf('/'))).status, key).toBe(verdicts[key]!.status);
    }
  });

  it('a pattern that may backtrack fails the compile with its file and reason', () => {
    const store = memoryStore();
    expect(store.check(String.raw`(a|a)*b`)).toMatchObject({ safe: false });
    expect(store.proved).toBe(1);
    store.check(String.raw`(a|a)*b`);
    expect(store.proved).toBe(1);
  });
});

describe('the detector proof', () => {
  it('AFTER_CONSUMING matches at a position exactly when the lookahead AFTER holds there', () => {
    const lookahead = new RegExp(AFTER_LOOKAHEAD, 'uy');
    const consuming = new RegExp(AFTER_CONSUMING, 'uy');
    // Letters, digits (ASCII and not), the characters AFTER treats specially, spaces, and a surrogate pair.
    const char = fc.constantFrom('a', 'Z', 'é', '7', '٣', '_', '-', '.', ' ', ':', '#', '😀', '\u00a0', '\n');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 6 }), fc.nat(), (chars, at) => {
        const text = chars.join('');
        const index = text.length ? at % (text.length + 1) : 0;
        lookahead.lastIndex = index;
        consuming.lastIndex = index;
        return lookahead.test(text) === consuming.test(text);
      }),
      { numRuns: 5000 },
    );
  });

  it('covers every branch of the combined and candidate patterns', () => {
    const families = [
      {
        id: 'a',
        label: 'A',
        sourceKey: 's',
        pattern: String.raw`A\d{2}`,
        default: 'on' as const,
        context: [],
        confidence: 1,
        editions: ['2024'],
      },
      {
        id: 'b',
        label: 'B',
        sourceKey: 's',
        pattern: String.raw`B-\d+`,
        default: 'on' as const,
        context: [],
        confidence: 1,
        editions: [],
      },
    ];
    const branches = detectorBranches(families);
    expect(branches.map((b) => b.label)).toEqual([
      'SecID (candidate branch)',
      'SecID (combined branch)',
      'a (candidate branch)',
      'a (combined branch)',
      'b (candidate branch)',
      'b (combined branch)',
    ]);
    // The candidate pattern is exactly the alternation of the candidate branches.
    expect(candidatePattern(families)).toBe(
      branches
        .filter((b) => b.label.endsWith('(candidate branch)'))
        .map((b) => b.pattern)
        .join('|'),
    );
    // Each combined branch, without its consuming tail, appears in the combined pattern's alternation.
    const combined = combinedPattern(families);
    for (const b of branches.filter((x) => x.label.endsWith('(combined branch)'))) {
      const inner = b.pattern.slice('(?:'.length, b.pattern.length - AFTER_CONSUMING.length - 1);
      expect(combined).toContain(inner);
    }
    expect(combined.endsWith(AFTER_LOOKAHEAD)).toBe(true);
  });
});
