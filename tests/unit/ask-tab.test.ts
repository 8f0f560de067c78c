import { beforeEach, describe, expect, it, vi } from 'vitest';
import { askTab } from '../../src/shared/ask-tab.ts';

// What the tab "answers" and what it was asked, in place of browser.tabs.sendMessage; whether it listens yet (a page
// without candidates does not, until woken) and what the wake-up call finds, in place of scripting.executeScript.
let answer: unknown;
let listening = true;
let wakeable = true;
const sent: [number, unknown][] = [];
const wakes: unknown[] = [];
vi.mock('webextension-polyfill', () => ({
  default: {
    tabs: {
      sendMessage: (tabId: number, message: unknown) => {
        sent.push([tabId, message]);
        if (!listening) return Promise.reject(new Error('Receiving end does not exist.'));
        return Promise.resolve(answer);
      },
    },
    scripting: {
      executeScript: async ({
        target,
        func,
        args,
      }: {
        target: unknown;
        func: (name: string) => Promise<boolean>;
        args: [string];
      }) => {
        wakes.push(target);
        // The injected function itself, run against a global object that has (or lacks) the first stage's call, which
        // listens only once the control stage it loads has arrived (a later turn): the result must wait for it.
        const [name] = args;
        const world = globalThis as Record<string, unknown>;
        if (wakeable)
          world[name] = async () => {
            await new Promise((r) => setTimeout(r, 1));
            listening = true;
            return true;
          };
        try {
          return [{ result: await func(name) }];
        } finally {
          delete world[name];
        }
      },
    },
  },
}));

describe('askTab', () => {
  beforeEach(() => {
    sent.length = 0;
    wakes.length = 0;
    listening = true;
    wakeable = true;
  });

  it('wakes a page whose first stage does not listen yet, and asks again; rejects when no content script is there', async () => {
    answer = [];
    listening = false;
    expect(await askTab(3, 'page-ids')).toEqual([]);
    expect(wakes).toEqual([{ tabId: 3, frameIds: [0] }]);
    expect(sent).toEqual([
      [3, { type: 'page-ids' }],
      [3, { type: 'page-ids' }],
    ]);
    listening = false;
    wakeable = false;
    await expect(askTab(4, 'page-ids')).rejects.toThrow(/Receiving end/);
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
