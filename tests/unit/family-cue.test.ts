import { describe, expect, it } from 'vitest';
import { familyCue } from '../../src/compiler/family-cue.ts';

describe('familyCue: a detect family must need a digit or start with a literal (pages skip other text)', () => {
  it('needs nothing for patterns that always contain a digit', () => {
    for (const pattern of [String.raw`ML\d{2}`, 'CVE-[0-9]{4}-[0-9]{4,}', String.raw`(?:LLM|ML)0[1-9]`, 'A(?:1|2)'])
      expect(familyCue(pattern), pattern).toEqual({});
  });
  it('gives the literal prefix as cue for digit-free IDs with a fixed start', () => {
    expect(familyCue('GHSA-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}')).toEqual({ cue: 'GHSA-' });
    expect(familyCue('cisco-sa-[A-Za-z0-9-]+')).toEqual({ cue: 'cisco-sa-' });
  });
  it('refuses a family that can match digit-free text without a fixed start, and says why', () => {
    for (const pattern of ['[A-Z]{3}-[A-Z0-9]+', String.raw`\d*[A-Z]+`, 'AB[0-9]?', 'XYZ|[A-Z]-[0-9]', '[^0-9]+']) {
      const answer = familyCue(pattern);
      expect(answer, pattern).toHaveProperty('problem');
      expect((answer as { problem: string }).problem).toMatch(/without a digit.*never be found on a page/);
    }
  });
});
