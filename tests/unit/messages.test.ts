import { describe, expect, it, vi } from 'vitest';
import type { Hit } from '../../src/content/hit-index.ts';
import { summarise } from '../../src/content/page-ids.ts';
import { STAGES } from '../../src/content/stage-types.ts';
import { checkMessage, requestSchema, tabAnswerSchemas } from '../../src/shared/messages.ts';
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

describe('the message contract', () => {
  it('asks for a stage of the content script by its name only: no file, tab or frame of its choosing', () => {
    for (const stage of Object.keys(STAGES))
      expect(checkMessage(requestSchema, { type: 'load-stage', stage }, 'unit')).toEqual({ type: 'load-stage', stage });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(checkMessage(requestSchema, { type: 'load-stage', stage: 'card-ui', tabId: 3 }, 'unit')).toBeUndefined();
    expect(checkMessage(requestSchema, { type: 'load-stage', stage: 'src/popup/popup.js' }, 'unit')).toBeUndefined();
    expect(checkMessage(requestSchema, { type: 'load-stage' }, 'unit')).toBeUndefined();
    warn.mockRestore();
  });

  it("checks a tab's answers: the content script's page-ids list passes, other shapes do not", () => {
    const hit = (text: string, sourceKey?: string) =>
      ({
        text,
        detection: { start: 0, end: text.length, text, kind: 'bare', confidence: 1, family: 'f', sourceKey },
      }) as unknown as Hit;
    const ids = summarise([hit('ML01', 'weakness/owasp/ml-top10'), hit('ML01'), hit('CWE-79')]);
    expect(tabAnswerSchemas['page-ids'].safeParse(ids)).toMatchObject({ success: true, data: ids });
    for (const bad of [{}, [{ text: 'ML01' }], [{ text: '', count: 1 }], [{ text: 'ML01', count: 0.5 }]])
      expect(tabAnswerSchemas['page-ids'].safeParse(bad).success).toBe(false);
    expect(tabAnswerSchemas['show-card'].safeParse({ shown: true }).success).toBe(true);
    expect(tabAnswerSchemas.step.safeParse({ shown: 'yes' }).success).toBe(false);
    expect(tabAnswerSchemas['scroll-to'].safeParse({ scrolled: false }).success).toBe(true);
  });
});
