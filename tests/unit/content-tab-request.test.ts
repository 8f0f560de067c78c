import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { summarise, secidSourceKey } from '../../src/content/page-ids.ts';
import type { Hit } from '../../src/content/hit-index.ts';
import { parseTabRequest, type TabRequest } from '../../src/shared/tab-request.ts';

/**
 * The tab requests' rules stated a second way, as a zod schema, for the property test below: parseTabRequest (no zod,
 * as it runs on every page) is the one the extension uses.
 */
const tabRequestSchema: z.ZodMiniType<TabRequest> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('page-ids') }),
  z.object({
    type: z.literal('scroll-to'),
    text: z.string().check(z.maxLength(1024)),
    index: z.optional(z.number().check(z.int(), z.minimum(0))),
  }),
  z.object({ type: z.literal('show-card'), text: z.optional(z.string().check(z.maxLength(1024))) }),
  z.object({ type: z.literal('step'), direction: z.union([z.literal(1), z.literal(-1)]) }),
]);

describe('parseTabRequest', () => {
  it('agrees with the same rules written as a zod schema', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 5 }),
      fc.string({ minLength: 1020, maxLength: 1030 }),
      fc.integer({ min: -3, max: 3 }),
      fc.double(),
      fc.constant(undefined),
      fc.constant(null),
      fc.boolean(),
    );
    const message = fc.oneof(
      fc.record(
        {
          type: fc.constantFrom('page-ids', 'scroll-to', 'show-card', 'step', 'resolve', 'other'),
          text: value,
          index: value,
          direction: value,
        },
        { requiredKeys: ['type'] },
      ),
      value,
      fc.array(value),
    );
    fc.assert(
      fc.property(message, (m) => {
        const ours = parseTabRequest(m);
        const theirs = tabRequestSchema.safeParse(m);
        expect(ours).toEqual(theirs.success ? theirs.data : undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts the requests the service worker and popup send', () => {
    expect(parseTabRequest({ type: 'page-ids' })).toEqual({ type: 'page-ids' });
    expect(parseTabRequest({ type: 'scroll-to', text: 'ML01', index: 2 })).toEqual({
      type: 'scroll-to',
      text: 'ML01',
      index: 2,
    });
    expect(parseTabRequest({ type: 'show-card', text: 'CWE-79' })).toEqual({ type: 'show-card', text: 'CWE-79' });
    expect(parseTabRequest({ type: 'scroll-to', text: 'ML01', index: 1.5 })).toBeUndefined();
    expect(parseTabRequest({ type: 'step', direction: -1 })).toEqual({ type: 'step', direction: -1 });
    expect(parseTabRequest({ type: 'step', direction: 2 })).toBeUndefined();
  });
});

describe('page ids', () => {
  const hit = (text: string, extra: Partial<Hit['detection']> = {}) =>
    ({
      text,
      detection: { start: 0, end: text.length, text, kind: 'bare', confidence: 1, ...extra },
    }) as unknown as Hit;

  it('counts each distinct ID once, in order of first appearance, with family and source', () => {
    const ids = summarise([
      hit('ML01', { family: 'owasp-ml-top10', sourceKey: 'weakness/owasp/ml-top10' }),
      hit('CWE-79', { family: 'mitre-cwe', sourceKey: 'weakness/mitre/cwe' }),
      hit('ML01', { family: 'owasp-ml-top10', sourceKey: 'weakness/owasp/ml-top10' }),
      hit('secid:weakness/owasp/ml-top10@2023#ML01', { kind: 'secid' }),
    ]);
    expect(ids).toEqual([
      { text: 'ML01', count: 2, family: 'owasp-ml-top10', sourceKey: 'weakness/owasp/ml-top10' },
      { text: 'CWE-79', count: 1, family: 'mitre-cwe', sourceKey: 'weakness/mitre/cwe' },
      { text: 'secid:weakness/owasp/ml-top10@2023#ML01', count: 1, sourceKey: 'weakness/owasp/ml-top10' },
    ]);
  });

  it('reads the source of a written SecID', () => {
    expect(secidSourceKey('secid:advisory/mitre/cve#CVE-2024-3094')).toBe('advisory/mitre/cve');
    expect(secidSourceKey('secid:entity/mitre')).toBeUndefined();
  });
});
