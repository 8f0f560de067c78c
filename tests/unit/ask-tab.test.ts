import { beforeEach, describe, expect, it, vi } from 'vitest';
import { askTab } from '../../src/shared/ask-tab.ts';

// What the tab "answers" and what it was asked, in place of browser.tabs.sendMessage.
let answer: unknown;
const sent: [number, unknown][] = [];
vi.mock('webextension-polyfill', () => ({
  default: {
    tabs: {
      sendMessage: (tabId: number, message: unknown) => {
        sent.push([tabId, message]);
        return Promise.resolve(answer);
      },
    },
  },
}));

describe('askTab', () => {
  beforeEach(() => {
    sent.length = 0;
  });

  it('sends the name under `type` with the params beside it, and gives back a checked answer', async () => {
    answer = [{ text: 'ML01', count: 2, sourceKey: 'weakness/owasp/ml-top10' }];
    expect(await askTab(7, 'page-ids')).toEqual(answer);
    answer = { scrolled: true };
    expect(await askTab(7, 'scroll-to', { text: 'ML01', index: 1 })).toEqual({ scrolled: true });
    expect(sent).toEqual([
      [7, { type: 'page-ids' }],
      [7, { type: 'scroll-to', text: 'ML01', index: 1 }],
    ]);
  });

  it('answers undefined when the content script answered nothing, and rejects an answer of another shape', async () => {
    answer = undefined;
    expect(await askTab(1, 'show-card', { text: 'ML01' })).toBeUndefined();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    answer = { shown: 'yes' };
    await expect(askTab(1, 'show-card')).rejects.toThrow(/malformed/);
    answer = [{ text: 'ML01' }];
    await expect(askTab(1, 'page-ids')).rejects.toThrow(/malformed/);
    warn.mockRestore();
  });
});

// Checked by tsc (npm test typechecks the tests; never called): the contract refuses what it does not describe.
function _contractRefuses(): void {
  // @ts-expect-error scroll-to needs the text to scroll to
  void askTab(1, 'scroll-to');
  // @ts-expect-error no such tab request
  void askTab(1, 'resolve', { query: 'ML01' });
  // @ts-expect-error step's direction is 1 or -1
  void askTab(1, 'step', { direction: 2 });
}
