import { describe, expect, it } from 'vitest';
import { Registry } from '../../src/core/registry.ts';
import { resolve } from '../../src/core/resolve.ts';
import type { ResolveResult } from '../../src/core/resolve-types.ts';
import { listName } from '../../src/core/list-name.ts';
import { copyFormats, markdownLink, writtenSecid } from '../../src/ui/copy-formats.ts';
import { relatedRows } from '../../src/ui/related-rows.ts';
import { realCompiled } from '../support/registry.ts';

const registry = new Registry(realCompiled());
const top = (q: string): ResolveResult => resolve(registry, q).results[0]!;

describe('related rows', () => {
  it('names the edition of each related item and merges editions that mean the same', () => {
    const rows = relatedRows(top('AML.T0051').related ?? []);
    const llm01 = rows.filter((r) => r.id === 'LLM01');
    expect(llm01).toHaveLength(1);
    expect(llm01[0]).toMatchObject({
      title: 'Prompt Injection',
      editions: ['2025', '2023'],
      secid: 'secid:weakness/owasp/llm-top10@2.0#LLM01',
    });
  });
  it('a card for one edition names the other edition it relates to', () => {
    const rows = relatedRows(top('LLM01').related ?? []);
    expect(rows.find((r) => r.id === 'LLM01')).toMatchObject({ editions: ['2023'] });
  });
  it('keeps editions apart when they mean different things, and drops exact repeats', () => {
    const rows = relatedRows([
      { secid: 'secid:x/y/z@2.0#A1', rel: 'related_to', title: 'One', edition: '2025' },
      { secid: 'secid:x/y/z@1.0#A1', rel: 'related_to', title: 'Two', edition: '2023' },
      { secid: 'secid:x/y/z@1.0#A1', rel: 'related_to', title: 'Two', edition: '2023' },
    ]);
    expect(rows.map((r) => r.editions)).toEqual([['2025'], ['2023']]);
  });
  it('the resolver lists each related SecID once, with its edition', () => {
    const related = top('CWE-1427').related ?? [];
    expect(new Set(related.map((r) => r.secid)).size).toBe(related.length);
    expect(related.find((r) => r.secid.endsWith('@1.0#LLM01'))?.edition).toBe('2023');
  });
});

describe('copy formats', () => {
  it('offers URL, a Markdown link and the permalink', () => {
    const formats = copyFormats(top('ML03'), {
      query: 'ML03',
      permalink: 'chrome-extension://x/src/secid-page/secid-page.html?q=ML03',
    });
    expect(formats).toEqual([
      { key: 'url', text: 'https://mltop10.info/ML03_2023-Model_Inversion_Attack.html' },
      {
        key: 'markdown',
        text: '[ML03 Model Inversion Attack](https://mltop10.info/ML03_2023-Model_Inversion_Attack.html)',
      },
      { key: 'permalink', text: 'chrome-extension://x/src/secid-page/secid-page.html?q=ML03' },
    ]);
  });
  it('escapes Markdown so the link stays one link', () => {
    expect(markdownLink('A [b] c', 'https://e.x/a (b)')).toBe('[A \\[b\\] c](https://e.x/a%20%28b%29)');
  });
  it('offers the edition spelling the user wrote when it differs from the canonical version', () => {
    const q = 'secid:weakness/owasp/llm-top10@2025#LLM02';
    expect(writtenSecid(q, top(q))).toBe(q);
    expect(writtenSecid('LLM02:2025', top('LLM02:2025'))).toBe('secid:weakness/owasp/llm-top10@2025#LLM02');
    expect(writtenSecid('LLM02', top('LLM02'))).toBeUndefined();
    expect(
      writtenSecid('secid:weakness/owasp/llm-top10@2.0#LLM02', top('secid:weakness/owasp/llm-top10@2.0#LLM02')),
    ).toBeUndefined();
  });
});

describe('listName (card and CLI)', () => {
  it('names the list and its edition; the CLI adds that the edition is the current one', () => {
    const llm04 = top('LLM04');
    expect(llm04.current_edition).toBe(true);
    expect(listName(llm04)).toBe(`${llm04.source_short ?? ''} (2025)`);
    expect(listName(llm04, 'current')).toBe(`${llm04.source_short ?? ''} (2025, current)`);
    expect(listName(top('LLM04:2023'), 'current')).toBe(`${llm04.source_short ?? ''} (2023)`);
    expect(listName({ secid: 'secid:weakness', secid_v1: 'secid:weakness', weight: 0 })).toBeUndefined();
  });
});
