import browser from 'webextension-polyfill';
import { CARD_UI_FILE } from '../content/card-ui-types.ts';

/**
 * Injects the card UI (the content script's second stage, see src/content/card-ui-types.ts) into the frame whose
 * content script asked, in the content scripts' isolated world. `scripting.executeScript` with a packaged file, not a
 * web-accessible module: a page can probe web-accessible URLs to learn which extensions a visitor has; this way no
 * file of ours is reachable from a page. Only content scripts (a sender with a tab and a frame) can ask.
 */
export async function loadCardUi(sender: browser.Runtime.MessageSender): Promise<{ ok: boolean }> {
  const tabId = sender.tab?.id;
  const frameId = sender.frameId;
  if (tabId === undefined || frameId === undefined) return { ok: false };
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [CARD_UI_FILE] });
  return { ok: true };
}
