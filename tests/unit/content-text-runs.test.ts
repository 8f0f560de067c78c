import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunks, detectChunk, locate, RunBuilder, type Run } from '../../src/content/text-runs.ts';
import { realDetector } from '../support/registry.ts';

/** A run from plain strings, with the strings themselves as nodes. */
function runOf(parts: string[]): Run<string> {
  const b = new RunBuilder<string>();
  for (const p of parts) expect(b.push(p, p)).toBeUndefined();
  return b.flush()!;
}

describe('RunBuilder', () => {
  it('joins text nodes without separators and records where each starts', () => {
    const run = runOf(['secid:weakness/owasp/', 'ml-top10#ML01', ' and more']);
    expect(run.text).toBe('secid:weakness/owasp/ml-top10#ML01 and more');
    expect(run.starts).toEqual([0, 21, 34]);
  });

  it('leaves out empty nodes and hands back nothing when empty', () => {
    const b = new RunBuilder<string>();
    b.push('a', '');
    expect(b.flush()).toBeUndefined();
  });

  it('cuts a long run only at a whitespace boundary', () => {
    const b = new RunBuilder<number>(10);
    expect(b.push(1, 'abcdefghijk')).toBeUndefined(); // 11 chars, no whitespace at the end
    expect(b.push(2, 'lmn')).toBeUndefined(); // still no boundary
    const done = b.push(3, ' next');
    expect(done?.text).toBe('abcdefghijklmn');
    expect(b.flush()?.text).toBe(' next');
  });
});

describe('locate', () => {
  const run = runOf(['ab', 'cde', 'f']);
  it('maps a start offset into the node that holds it', () => {
    expect(locate(run, 0)).toEqual({ index: 0, offset: 0 });
    expect(locate(run, 2)).toEqual({ index: 1, offset: 0 });
    expect(locate(run, 5)).toEqual({ index: 2, offset: 0 });
  });
  it('keeps an end offset in the node it closes', () => {
    expect(locate(run, 2, true)).toEqual({ index: 0, offset: 2 });
    expect(locate(run, 5, true)).toEqual({ index: 1, offset: 3 });
    expect(locate(run, 6, true)).toEqual({ index: 2, offset: 1 });
  });
  it('round-trips every offset of random runs', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 12 }), (parts) => {
        const r = runOf(parts);
        for (let i = 0; i < r.text.length; i++) {
          const a = locate(r, i);
          expect(r.nodes[a.index]![a.offset]).toBe(r.text[i]);
          const b = locate(r, i + 1, true);
          expect(b.offset).toBeGreaterThan(0);
          expect(r.starts[b.index]! + b.offset).toBe(i + 1);
        }
      }),
    );
  });
});

describe('detection across nodes and chunks', () => {
  const detector = realDetector();
  const detect = (t: string) => detector.detect(t);

  it('finds a SecID split by <wbr> and an ID split by inline markup', () => {
    const run = runOf(['see ', 'secid:weakness/owasp/', 'ml-top10#ML01', ' and ', 'LLM01', ':2025', '.']);
    expect(detect(run.text).map((d) => d.text)).toEqual(['secid:weakness/owasp/ml-top10#ML01', 'LLM01:2025']);
    const [first] = detect(run.text);
    expect(locate(run, first!.start)).toEqual({ index: 1, offset: 0 });
    expect(locate(run, first!.end, true)).toEqual({ index: 2, offset: 13 });
  });

  it('finds the same IDs in a long text in chunks as in one piece, with the same hints', () => {
    const words = [
      'ML01',
      'LLM02',
      'OWASP',
      'LLM Top 10 2023',
      'CVE-2024-3094',
      'HTML01',
      'text',
      'A01',
      'T1059.003',
      'secid:weakness/owasp/ml-top10#ML03',
      'and',
      '2025',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...words), { minLength: 50, maxLength: 400 }),
        fc.integer({ min: 64, max: 600 }),
        (list, size) => {
          const text = list.join(' ');
          const whole = detect(text);
          const pieces = chunks(text, size, 320).flatMap((c) => detectChunk(detect, text, c));
          expect(pieces.map((d) => [d.start, d.text, d.contextEdition, d.family])).toEqual(
            whole.map((d) => [d.start, d.text, d.contextEdition, d.family]),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('covers the text with chunks that meet at whitespace', () => {
    const text = 'word '.repeat(5000);
    const cs = chunks(text, 1000, 100);
    expect(cs[0]!.from).toBe(0);
    expect(cs.at(-1)!.to).toBe(text.length);
    for (let i = 1; i < cs.length; i++) {
      expect(cs[i]!.from).toBe(cs[i - 1]!.to);
      expect(text[cs[i]!.from]).toBe(' ');
      expect(cs[i]!.sliceFrom).toBeLessThanOrEqual(cs[i]!.from);
    }
  });
});
