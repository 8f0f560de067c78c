import { describe, expect, it } from 'vitest';
import { badgeText } from '../../src/background/badge-text.ts';
import { pageItems } from '../../src/core/page-items.ts';
import { exportPageItems } from '../../src/popup/page-export.ts';
import { checkMessage, requestSchema } from '../../src/shared/messages.ts';
import { realRegistry } from '../support/registry.ts';

const registry = realRegistry();

describe('pageItems', () => {
  const items = pageItems(
    [
      { text: 'LLM01', count: 4 },
      { text: 'ML03', count: 2 },
      { text: 'LLM01:2025', count: 1 },
      { text: 'secid:weakness/owasp/llm-top10@2.0#LLM01', count: 1 },
      { text: 'QQZ42', count: 3 },
      { text: '', count: 1 },
    ],
    registry,
  );
  it('merges spellings of one thing, in the page order of first appearance', () => {
    expect(items.map((i) => [i.text, i.count, i.spellings.length])).toEqual([
      ['LLM01', 6, 3],
      ['ML03', 2, 1],
      ['QQZ42', 3, 1],
    ]);
    expect(items[0]).toMatchObject({
      secid: 'secid:weakness/owasp/llm-top10@2.0#LLM01',
      title: 'Prompt Injection',
      sourceKey: 'weakness/owasp/llm-top10',
      edition: '2025',
    });
  });
  it('keeps an unknown spelling as its own item', () => {
    expect(items[2]).toMatchObject({ key: 'text:QQZ42', text: 'QQZ42' });
    expect(items[2]!.secid).toBeUndefined();
  });
  it('follows the preferred edition', () => {
    const older = pageItems([{ text: 'LLM01', count: 1 }], registry, {
      preferredEditions: { 'weakness/owasp/llm-top10': '1.0' },
    });
    expect(older[0]!.secid).toBe('secid:weakness/owasp/llm-top10@1.0#LLM01');
  });

  it('exports SecIDs, Markdown and CSV', () => {
    expect(exportPageItems(items, 'secids').split('\n')).toEqual([
      'secid:weakness/owasp/llm-top10@2.0#LLM01',
      'secid:weakness/owasp/ml-top10#ML03',
      'QQZ42',
    ]);
    expect(exportPageItems(items, 'markdown').split('\n')[1]).toBe(
      '- [ML03 Model Inversion Attack](https://mltop10.info/ML03_2023-Model_Inversion_Attack.html)',
    );
    expect(exportPageItems(items, 'markdown').split('\n')[2]).toBe('- QQZ42');
    const csv = exportPageItems(items, 'csv').split('\r\n');
    expect(csv[0]).toBe('id,title,secid,url,count,spellings');
    expect(csv[2]).toBe(
      'ML03,Model Inversion Attack,secid:weakness/owasp/ml-top10#ML03,https://mltop10.info/ML03_2023-Model_Inversion_Attack.html,2,ML03 x2',
    );
  });
  it('CSV quotes what needs quoting and never starts a cell with a formula', () => {
    const csv = exportPageItems(
      [{ key: 'k', text: '=HYPERLINK("x")', count: 1, spellings: [{ text: 'a,b', count: 1 }], title: 'say "hi"' }],
      'csv',
    ).split('\r\n')[1];
    expect(csv).toBe(`"'=HYPERLINK(""x"")","say ""hi""",,,1,"a,b x1"`);
  });
});

describe('badge', () => {
  it('shows a short count, nothing for none', () => {
    expect(badgeText(0, false)).toBe('');
    expect(badgeText(3, false)).toBe('3');
    expect(badgeText(12, true)).toBe('12+');
    expect(badgeText(5000, false)).toBe('999+');
  });
  it('the report message is checked', () => {
    expect(
      checkMessage(requestSchema, { type: 'page-ids-report', ids: [{ text: 'ML03', count: 2 }] }, 'unit'),
    ).toBeDefined();
    expect(
      checkMessage(requestSchema, { type: 'page-ids-report', ids: [{ text: '', count: 2 }] }, 'unit'),
    ).toBeUndefined();
    expect(
      checkMessage(
        requestSchema,
        { type: 'page-ids-report', ids: Array.from({ length: 2001 }, () => ({ text: 'x', count: 1 })) },
        'unit',
      ),
    ).toBeUndefined();
  });
});
