import browser from 'webextension-polyfill';
import { resolve } from '../core/resolve.ts';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.ts';
import { isFirefox } from '../shared/browser-kind.ts';
import { checkMessage, requestSchema, type Request } from '../shared/messages.ts';
import { getRegistry, getSearch } from '../shared/registry-data.ts';
import { resolvePageUrl } from '../shared/resolve-page-url.ts';
import { loadSettings, onSettingsChanged } from '../shared/settings-store.ts';
import { clearBadges, showPageCount } from './badge.ts';
import { omniboxEnterUrl, omniboxSuggestions, type Disposition } from './omnibox.ts';

// Listeners are registered synchronously at the top level, so an event that wakes the worker finds them.

export { resolvePageUrl };

// Settings, kept fresh: the omnibox answers on every keystroke and should not wait for storage each time.
let settings: Settings = DEFAULT_SETTINGS;
const settingsReady = loadSettings().then((s) => (settings = s));
onSettingsChanged((s) => {
  if (settings.badge && !s.badge) void clearBadges();
  settings = s;
});

async function handle(request: Request, sender: browser.Runtime.MessageSender): Promise<unknown> {
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
    case 'page-ids-report':
      // Only a tab's own content script reports for it.
      if (sender.tab?.id === undefined || sender.tab.id < 0) return { ok: false };
      // Settings read afresh: the page reports right after a change, possibly before this worker heard of it.
      await showPageCount({ tabId: sender.tab.id, ids: request.ids, registry: getRegistry(), settings: await loadSettings().catch(() => settings) });
      return { ok: true };
  }
}

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  // Only our own extension's contexts may ask (content scripts included); web pages cannot reach onMessage.
  if (sender.id !== browser.runtime.id) return undefined;
  const request = checkMessage(requestSchema, message, 'service worker');
  if (!request) return undefined;
  return handle(request, sender);
});

// Omnibox: `secid <text>`.

export async function onOmniboxInput(text: string, suggest: (suggestions: browser.Omnibox.SuggestResult[]) => void): Promise<void> {
  await settingsReady;
  suggest(omniboxSuggestions(text, getRegistry(), getSearch(), { markup: !isFirefox(), resolve: { preferredEditions: settings.editions } }));
}

export async function onOmniboxEnter(text: string, disposition: Disposition): Promise<void> {
  // Read afresh: Enter is rare, and a setting changed a moment ago must already count.
  const current = await loadSettings().catch(() => settings);
  // A chosen suggestion arrives as its content (a canonical SecID); typed text is anything.
  const url = omniboxEnterUrl({ text, registry: getRegistry(), resolvePage: resolvePageUrl, goTo: current.omniboxEnter, options: { preferredEditions: current.editions } });
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

browser.runtime.onInstalled.addListener((details) => {
  void createMenu();
  // First run: a short page on what it does, examples to try, the settings and the privacy promise (not on updates).
  if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('src/welcome/welcome.html') }).catch(() => {});
});
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

const COMMANDS: Record<string, unknown> = {
  'open-card': { type: 'show-card' },
  'next-id': { type: 'step', direction: 1 },
  'previous-id': { type: 'step', direction: -1 },
};

browser.commands.onCommand.addListener(async (command, tab) => {
  const message = COMMANDS[command];
  const tabId = tab?.id;
  if (!message || tabId === undefined) return;
  try {
    await browser.tabs.sendMessage(tabId, message);
  } catch {
    // No content script on this page.
  }
});
