import browser from 'webextension-polyfill';
import { STAGES, type StageName } from '../content/stage-types.ts';

/**
 * Injects a later stage of the content script (see src/content/stage-types.ts) into the frame whose content script
 * asked, in the content scripts' isolated world. `scripting.executeScript` with a packaged file, not a web-accessible
 * module: a page can probe web-accessible URLs to learn which extensions a visitor has; this way no file of ours is
 * reachable from a page. Only content scripts (a sender with a tab and a frame) can ask, and only for a stage by name.
 */
export async function loadStage(stage: StageName, sender: browser.Runtime.MessageSender): Promise<{ ok: boolean }> {
  const tabId = sender.tab?.id;
  const frameId = sender.frameId;
  if (tabId === undefined || frameId === undefined) return { ok: false };
  // At once: by default a script waits for the frame's document_idle, which a page still loading images delays by far.
  await browser.scripting.executeScript({
    target: { tabId, frameIds: [frameId] },
    files: [STAGES[stage].file],
    injectImmediately: true,
  });
  return { ok: true };
}
