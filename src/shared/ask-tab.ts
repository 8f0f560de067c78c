import browser from 'webextension-polyfill';
import { checkMessage, tabAnswerSchemas, type ParamsArg, type TabApi } from './messages.ts';
import { TAB_WAKE } from './tab-request.ts';

/**
 * The service worker and the popup: one typed request to a tab's content script. Its answer is checked where it
 * arrives: undefined when the content script answered nothing, a rejection when no content script is there ("receiving
 * end does not exist") or the answer has another shape.
 */
export async function askTab<K extends keyof TabApi>(
  tabId: number,
  type: K,
  ...[params]: ParamsArg<TabApi[K]['params']>
): Promise<TabApi[K]['return'] | undefined> {
  const message = { type, ...params };
  const answer: unknown = await browser.tabs.sendMessage(tabId, message).catch(async (error: unknown) => {
    if (!(await wake(tabId))) throw error;
    return browser.tabs.sendMessage(tabId, message);
  });
  if (answer === undefined || answer === null) return undefined;
  const checked = checkMessage(tabAnswerSchemas[type], answer, 'tab answer');
  if (checked === undefined) throw new Error(`malformed answer to ${type}`);
  return checked;
}

/**
 * Wakes the first stage of a tab's top frame that has no message listener yet (a page without candidates touches no
 * extension API: see src/content/content-script.ts). False when the tab has no content script of ours (a page opened
 * before the extension was installed, a browser page) or cannot be scripted.
 */
async function wake(tabId: number): Promise<boolean> {
  try {
    const [frame] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      // Runs in the tab's isolated world, the first stage's own: a function of our own global, never the page's.
      // The call loads the control stage, which answers the tab's requests: its promise settles once it listens.
      func: async (name: string) => {
        const call = (globalThis as Record<string, unknown>)[name];
        return typeof call === 'function' && (await (call as () => unknown)()) === true;
      },
      args: [TAB_WAKE],
    });
    return frame?.result === true;
  } catch {
    return false;
  }
}
