import browser from 'webextension-polyfill';
import { resolve } from '../core/resolve.ts';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.ts';
import { isFirefox } from '../shared/browser-kind.ts';
import { checkMessage, requestSchema, type Request } from '../shared/messages.ts';
import { getRegistry, getSearch } from '../shared/registry-data.ts';
import { resolvePageUrl } from '../shared/resolve-page-url.ts';
import { loadSettings, onSettingsChanged } from '../shared/settings-store.ts';
import { isCardUiRequest, loadCardUi } from './card-ui-loader.ts';
import { omniboxSuggestions, omniboxTarget, type Disposition } from './omnibox.ts';

// Listeners are registered synchronously at the top level, so an event that wakes the worker finds them.

export { resolvePageUrl };

// Settings, kept fresh: the omnibox answers on every keystroke and should not wait for storage each time.
let settings: Settings = DEFAULT_SETTINGS;
const settingsReady = loadSettings().then((s) => (settings = s));
onSettingsChanged((s) => (settings = s));

async function handle(request: Request): Promise<unknown> {
  await settingsReady;
  switch (request.type) {
    case 'resolve':
      return resolve(getRegistry(), request.query, {
        preferredEditions: settings.editions,
        ...(request.contextEdition ? { contextEdition: request.contextEdition } : {}),
      });
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
  // The content script's second stage (its card UI), injected on demand: see card-ui-loader.ts.
  if (isCardUiRequest(message)) return loadCardUi(sender).catch(() => ({ ok: false }));
  const request = checkMessage(requestSchema, message, 'service worker');
  if (!request) return undefined;
  return handle(request);
});

// Omnibox: `secid <text>`.

export async function onOmniboxInput(text: string, suggest: (suggestions: browser.Omnibox.SuggestResult[]) => void): Promise<void> {
  await settingsReady;
  suggest(omniboxSuggestions(text, getRegistry(), getSearch(), { markup: !isFirefox(), resolve: { preferredEditions: settings.editions } }));
}

export async function onOmniboxEnter(text: string, disposition: Disposition): Promise<void> {
  await settingsReady;
  // A chosen suggestion arrives as its content (a canonical SecID); typed text is anything.
  const url = omniboxTarget(text, getRegistry(), resolvePageUrl, { preferredEditions: settings.editions });
  if (disposition === 'newForegroundTab' || disposition === 'newBackgroundTab') {
    await browser.tabs.create({ url, active: disposition === 'newForegroundTab' });
  } else {
    await browser.tabs.update({ url });
  }
}

browser.omnibox.onInputChanged.addListener((text, suggest) => void onOmniboxInput(text, suggest));
browser.omnibox.onInputEntered.addListener((text, disposition) => void onOmniboxEnter(text, disposition as Disposition));
// Chrome fills %s with the typed text inside its XML description; Firefox shows descriptions as plain text.
browser.omnibox.setDefaultSuggestion({ description: isFirefox() ? browser.i18n.getMessage('omniboxDefaultPlain') : browser.i18n.getMessage('omniboxDefault', ['%s']) });

// Context menu on selected text.

export const MENU_ID = 'secid-lens-lookup';

async function createMenu(): Promise<void> {
  // Idempotent: an update or a Firefox restart must not fail on a duplicate id.
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: MENU_ID, title: browser.i18n.getMessage('contextMenuLookup'), contexts: ['selection'] });
}

browser.runtime.onInstalled.addListener(() => void createMenu());
browser.runtime.onStartup.addListener(() => void createMenu());

/** A selection that is one ID or SecID (no spaces), as opposed to a phrase to look up on the resolve page. */
function oneIdentifier(text: string): boolean {
  return text.length <= 1024 && !/\s/.test(text);
}

export async function onContextMenuClick(info: browser.Menus.OnClickData, tab?: browser.Tabs.Tab): Promise<void> {
  if (info.menuItemId !== MENU_ID || !info.selectionText) return;
  const text = info.selectionText.trim().replace(/\s+/g, ' ').slice(0, 1024);
  if (text === '') return;
  await settingsReady;
  // The in-page card when the selection is exactly one known ID and the page runs our content script.
  const answer = resolve(getRegistry(), text, { preferredEditions: settings.editions });
  const known = answer.status === 'found' || answer.status === 'corrected';
  if (known && oneIdentifier(text) && tab?.id !== undefined && tab.id >= 0) {
    try {
      const reply = (await browser.tabs.sendMessage(tab.id, { type: 'show-card', text })) as { shown?: boolean } | undefined;
      if (reply?.shown === true) return;
    } catch {
      // No content script there (browser page, PDF viewer, excluded site, page older than the extension).
    }
  }
  await browser.tabs.create({
    url: resolvePageUrl(text),
    ...(tab?.index !== undefined && tab.index >= 0 ? { index: tab.index + 1 } : {}),
    ...(tab?.windowId !== undefined && tab.windowId >= 0 ? { windowId: tab.windowId } : {}),
  });
}

browser.contextMenus.onClicked.addListener((info, tab) => void onContextMenuClick(info, tab));

// Keyboard command: the card for the selection (or the ID under the caret) in the active tab.

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
