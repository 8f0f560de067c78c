import { describe, expect, it, vi } from 'vitest';
import { checkMessage, requestSchema } from '../../src/shared/messages.ts';
import { parseTabRequest } from '../../src/shared/tab-request.ts';

describe('message schemas', () => {
  it('accepts the known shapes', () => {
    expect(checkMessage(requestSchema, { type: 'resolve', query: 'ML03' }, 't')).toEqual({
      type: 'resolve',
      query: 'ML03',
    });
    expect(parseTabRequest({ type: 'scroll-to', text: 'ML03', index: 2 })).toEqual({
      type: 'scroll-to',
      text: 'ML03',
      index: 2,
    });
  });
  it('drops anything else and warns once per kind of problem', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const bad of [
      null,
      'resolve',
      { type: 'resolve' },
      { type: 'resolve', query: '' },
      { type: 'resolve', query: 'x'.repeat(2000) },
      { type: 'eval', code: '1' },
      { type: 'search', query: 'a', limit: 1e9 },
    ]) {
      expect(checkMessage(requestSchema, bad, 'unit')).toBeUndefined();
    }
    expect(checkMessage(requestSchema, { type: 'resolve' }, 'unit')).toBeUndefined();
    expect(warn.mock.calls.length).toBeLessThan(7);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
