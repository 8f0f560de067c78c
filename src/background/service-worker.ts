import browser from 'webextension-polyfill';
import { resolve } from '../core/resolve.ts';
import { checkMessage, requestSchema, type Request } from '../shared/messages.ts';
import { getRegistry, getSearch } from '../shared/registry-data.ts';
import { loadSettings } from '../shared/settings-store.ts';
import { omniboxSuggestions, omniboxTarget, type Disposition } from './omnibox.ts';

// Listeners are registered synchronously at the top level, so an event that wakes the worker finds them.

export function resolvePageUrl(query: string): string {
  return `${browser.runtime.getURL('src/resolve/resolve.html')}?q=${encodeURIComponent(query)}`;
}

async function handle(request: Request): Promise<unknown> {
  switch (request.type) {
    case 'resolve': {
      const settings = await loadSettings();
      return resolve(getRegistry(), request.query, {
        preferredEditions: settings.editions,
        ...(request.contextEdition ? { contextEdition: request.contextEdition } : {}),
      });
    }
    case 'search':
      return getSearch().search(request.query, request.limit ?? 20);
    case 'open-resolve-page':
      await browser.tabs.create({ url: resolvePageUrl(request.query) });
      return { ok: true };
  }
}

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  // Only our own extension's contexts may ask (content scripts included); web pages cannot reach onMessage.
  if (sender.id !== browser.runtime.id) return undefined;
  const request = checkMessage(requestSchema, message, 'service worker');
  if (!request) return undefined;
  return handle(request);
});

export function onOmniboxInput(text: string, suggest: (suggestions: browser.Omnibox.SuggestResult[]) => void): void {
  suggest(omniboxSuggestions(text, getRegistry(), getSearch()));
}

export async function onOmniboxEnter(text: string, disposition: Disposition): Promise<void> {
  // A suggestion's content is a canonical SecID; typed text is anything.
  const url = omniboxTarget(text, getRegistry(), resolvePageUrl);
  if (disposition === 'currentTab') await browser.tabs.update({ url });
  else await browser.tabs.create({ url, active: disposition === 'newForegroundTab' });
}

browser.omnibox.onInputChanged.addListener(onOmniboxInput);
browser.omnibox.onInputEntered.addListener((text, disposition) => void onOmniboxEnter(text, disposition as Disposition));
browser.omnibox.setDefaultSuggestion({ description: browser.i18n.getMessage('omniboxDefault', ['%s']) || 'SecID Lens' });

const MENU_ID = 'secid-lens-lookup';

browser.runtime.onInstalled.addListener(() => {
  browser.contextMenus.create({ id: MENU_ID, title: browser.i18n.getMessage('contextMenuLookup'), contexts: ['selection'] });
});

export async function onContextMenuClick(info: browser.Menus.OnClickData, tab?: browser.Tabs.Tab): Promise<void> {
  if (info.menuItemId !== MENU_ID || !info.selectionText) return;
  const text = info.selectionText.trim().slice(0, 1024);
  // In-page card when the selection is exactly one known ID and the page runs our content script.
  const answer = resolve(getRegistry(), text);
  if (tab?.id !== undefined && tab.id >= 0 && (answer.status === 'found' || answer.status === 'corrected')) {
    try {
      const shown = (await browser.tabs.sendMessage(tab.id, { type: 'show-card', text })) as { shown?: boolean } | undefined;
      if (shown?.shown) return;
    } catch {
      // No content script there (browser page, excluded site): fall back to the resolve page.
    }
  }
  await browser.tabs.create({ url: resolvePageUrl(text), ...(tab?.index !== undefined ? { index: tab.index + 1 } : {}) });
}

browser.contextMenus.onClicked.addListener((info, tab) => void onContextMenuClick(info, tab));

browser.commands.onCommand.addListener(async (command, tab) => {
  if (command !== 'open-card') return;
  const tabId = tab?.id;
  if (tabId === undefined) return;
  try {
    await browser.tabs.sendMessage(tabId, { type: 'show-card' });
  } catch {
    // No content script on this page.
  }
});
