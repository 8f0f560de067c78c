import type { BrowserContext, Page, Worker } from '@playwright/test';
import { TAB_WAKE } from '../../src/shared/tab-request.ts';

/** chrome-extension://<id>/src/<path>: our built pages keep their source paths. */
export function extensionPage(extensionId: string, path: string): string {
  return `chrome-extension://${extensionId}/src/${path}`;
}

/**
 * Tests never reach the network: any http(s) page but the local fixture server answers with a stub, so "opens the
 * source page" is checked by URL without fetching it.
 */
export async function stubExternalSites(context: BrowserContext): Promise<void> {
  await context.route(
    (url) => /^https?:$/.test(url.protocol) && url.hostname !== '127.0.0.1',
    (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>stub</title><p>stub</p>' }),
  );
}

/** The browser is shared by every test of a worker: start each test with empty extension storage and one tab. */
export async function resetExtension(context: BrowserContext, worker: Worker, keep?: Page): Promise<void> {
  await worker.evaluate(async () => {
    // storage.sync allows 120 writes a minute: clearing an empty area would spend one per test, and a fast machine
    // runs enough tests a minute to hit the quota. Only what holds something is cleared.
    if (Object.keys(await chrome.storage.sync.get(null)).length) await chrome.storage.sync.clear();
    if (Object.keys(await chrome.storage.local.get(null)).length) await chrome.storage.local.clear();
  });
  for (const p of context.pages()) if (p !== keep) await p.close();
}

export async function storedSettings(worker: Worker): Promise<unknown> {
  return worker.evaluate(async () => (await chrome.storage.sync.get('settings')).settings);
}

export async function storeSettings(worker: Worker, value: unknown): Promise<void> {
  await worker.evaluate(async (v) => chrome.storage.sync.set({ settings: v }), value);
}

/** The id of the tab showing `page` (brought to the front, then asked for as the active tab). */
export async function tabIdOf(worker: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  const id = await worker.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  );
  if (id === undefined) throw new Error('no active tab');
  return id;
}

/**
 * A message to a tab's content script, from the service worker, the way src/shared/ask-tab.ts sends it: a page without
 * candidates has no listener until woken (TAB_WAKE), so a refused message wakes it and is sent again. Rejects like
 * tabs.sendMessage when no content script of ours is there.
 */
export function sendToTab(worker: Worker, tabId: number, message: unknown): Promise<unknown> {
  return worker.evaluate(
    async ([id, m, wake]) =>
      chrome.tabs.sendMessage(id, m).catch(async (error: unknown) => {
        const [frame] = await chrome.scripting.executeScript({
          target: { tabId: id, frameIds: [0] },
          func: async (name: string) => {
            const call = (globalThis as Record<string, unknown>)[name];
            return typeof call === 'function' && (await (call as () => unknown)()) === true;
          },
          args: [wake],
        });
        if (frame?.result !== true) throw error;
        return chrome.tabs.sendMessage(id, m);
      }),
    [tabId, message, TAB_WAKE] as const,
  );
}

/** Waits until the content script of a tab answers (it runs at document_end). */
export async function contentScriptReady(worker: Worker, tabId: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await sendToTab(worker, tabId, { type: 'page-ids' }).then(
      () => true,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`content script of tab ${tabId} never answered`);
}
