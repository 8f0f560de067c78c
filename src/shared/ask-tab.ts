import browser from 'webextension-polyfill';
import { checkMessage, tabAnswerSchemas, type ParamsArg, type TabApi } from './messages.ts';

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
  const answer: unknown = await browser.tabs.sendMessage(tabId, { type, ...params });
  if (answer === undefined || answer === null) return undefined;
  const checked = checkMessage(tabAnswerSchemas[type], answer, 'tab answer');
  if (checked === undefined) throw new Error(`malformed answer to ${type}`);
  return checked;
}
