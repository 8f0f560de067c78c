import browser from 'webextension-polyfill';
import type { Registry } from '../core/registry.ts';
import { resolve } from '../core/resolve.ts';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.ts';
import { isFirefox } from '../shared/browser-kind.ts';
import { askTab } from '../shared/ask-tab.ts';
import { checkMessage, requestSchema, type Request, type WorkerApi } from '../shared/messages.ts';
import { livePermissions } from '../shared/live-permission.ts';
import { joinV1Hits } from '../core/v1/search.ts';
import { registryFor, searchWithKnowledge } from '../shared/knowledge-loader.ts';
import { CACHE_PREFIX, liveDetails, type LiveAnswer } from '../shared/live-details.ts';
import { ensureV1For, getRegistry, getV1Search, v1SearchPending } from '../shared/registry-data.ts';
import { secidPageUrl } from '../shared/secid-page-url.ts';
import { httpUrl } from '../core/http-url.ts';
import { loadSettings, onSettingsChanged } from '../shared/settings-store.ts';
import { clearBadges, showPageCount } from './badge.ts';
import { loadStage } from './stage-loader.ts';
import { omniboxEnterUrl, omniboxSuggestions, type Disposition } from './omnibox.ts';
import { WorkQueue } from './work-queue.ts';

// Listeners are registered synchronously at the top level, so an event that wakes the worker finds them.

export { secidPageUrl };

// Settings, kept fresh: the omnibox answers on every keystroke and should not wait for storage each time.
let settings: Settings = DEFAULT_SETTINGS;
const settingsReady = loadSettings().then((s) => (settings = s));
onSettingsChanged((s) => {
  if (settings.badge && !s.badge) void clearBadges();
  // Turning live details off forgets what was fetched.
  if (!s.liveDetails && settings.liveDetails) void clearLiveCache();
  settings = s;
});

async function clearLiveCache(): Promise<void> {
  const all = await browser.storage.local.get(null);
  const keys = Object.keys(all).filter((k) => k.startsWith(CACHE_PREFIX));
  if (keys.length) await browser.storage.local.remove(keys);
}

// One request per ID at a time: cards that ask together (a page re-shown, two views) share the answer.
const inflight = new Map<string, Promise<LiveAnswer>>();

async function live(id: string): Promise<LiveAnswer> {
  // Both the user's choice and the granted permission: either one missing means no request at all.
  if (!settings.liveDetails) return { status: 'off' };
  const granted = await browser.permissions.contains(livePermissions()).catch(() => false);
  if (!granted) return { status: 'off' };
  const key = id.toUpperCase();
  let answer = inflight.get(key);
  if (!answer) {
    answer = fetchLive(id).finally(() => inflight.delete(key));
    inflight.set(key, answer);
  }
  return answer;
}

function fetchLive(id: string): Promise<LiveAnswer> {
  return liveDetails(id, {
    fetch: (input, init) => fetch(input, init),
    store: {
      get: async (key) => (await browser.storage.local.get(key))[key],
      set: (key, value) => browser.storage.local.set({ [key]: value }),
    },
    now: () => Date.now(),
  });
}

/** The registry with whatever `query` needs loaded: the imported SecID 1.0 shard it names and the knowledge shards. */
async function registryReadyFor(query: string): Promise<Registry> {
  await ensureV1For(query);
  return registryFor(query);
}

/** The URLs a query resolves to: the only ones a card may open. */
async function resolvedUrls(query: string): Promise<Set<string>> {
  const urls = new Set<string>();
  for (const r of resolve(await registryReadyFor(query), query, { preferredEditions: settings.editions }).results) {
    // Normalised as the card normalises the links it shows.
    const url = httpUrl(r.url);
    if (url) urls.add(url);
  }
  return urls;
}

type Sender = browser.Runtime.MessageSender;

/** The answer to each request of the contract (src/shared/messages.ts), by name. */
const handlers: {
  [K in keyof WorkerApi]: (params: WorkerApi[K]['params'], sender: Sender) => Promise<WorkerApi[K]['return']>;
} = {
  resolve: async ({ query, contextEdition }) =>
    resolve(await registryReadyFor(query), query, {
      preferredEditions: settings.editions,
      ...(contextEdition ? { contextEdition } : {}),
    }),
  search: async ({ query, limit = 20 }) => {
    const [search] = await Promise.all([searchWithKnowledge(), v1SearchPending()]);
    const ours = search.search(query, limit);
    return joinV1Hits({ query, ours, v1: getV1Search()?.search(query, limit) ?? [], limit, registry: getRegistry() });
  },
  'open-secid-page': async ({ query }) => {
    await browser.tabs.create({ url: secidPageUrl(query) });
    return { ok: true };
  },
  live: ({ id }) => live(id),
  'page-ids-report': async ({ ids }, sender) => {
    // Only a tab's own content script reports for it.
    if (sender.tab?.id === undefined || sender.tab.id < 0) return { ok: false };
    // Settings read afresh: the page reports right after a change, possibly before this worker heard of it.
    await showPageCount({
      tabId: sender.tab.id,
      ids,
      registry: getRegistry(),
      settings: await loadSettings().catch(() => settings),
    });
    return { ok: true };
  },
  'open-url': async ({ query, url: asked }, sender) => {
    // The content script asks with the URL its card was built from; anything else (a confused or tampered
    // request) opens nothing.
    const url = httpUrl(asked);
    if (!url || !(await resolvedUrls(query)).has(url)) return { ok: false };
    const tab = sender.tab;
    await browser.tabs.create({
      url,
      ...(tab?.id !== undefined && tab.id >= 0 ? { openerTabId: tab.id } : {}),
      ...(tab?.index !== undefined && tab.index >= 0 ? { index: tab.index + 1 } : {}),
      ...(tab?.windowId !== undefined && tab.windowId >= 0 ? { windowId: tab.windowId } : {}),
    });
    return { ok: true };
  },
  // A later stage of the content script (the lens, the card UI), injected on demand: see stage-loader.ts.
  'load-stage': ({ stage }, sender) => loadStage(stage, sender).catch(() => ({ ok: false })),
};

async function handle(request: Request, sender: Sender): Promise<unknown> {
  await settingsReady;
  // The handler of this request's own type (a union the compiler cannot pair with its handler by itself).
  const answer = handlers[request.type] as (params: Request, sender: Sender) => Promise<unknown>;
  return answer(request, sender);
}

/**
 * Pending requests, bounded per sender: a flood from one context (10,000 requests at once) is mostly refused at once
 * and cannot delay another context's request by more than one job per sender.
 */
const work = new WorkQueue({ maxPendingPerSender: 64 });

/** One key per document that can message us: a tab's frame, or an extension page. */
function senderKey(sender: Sender): string {
  const documentId = (sender as { documentId?: string }).documentId;
  return `${sender.tab?.id ?? '-'}/${sender.frameId ?? 0}/${documentId ?? sender.url ?? ''}`;
}

browser.runtime.onMessage.addListener((message: unknown, sender: Sender) => {
  // Only our own extension's contexts may ask (content scripts included); web pages cannot reach onMessage.
  if (sender.id !== browser.runtime.id) return undefined;
  const request = checkMessage(requestSchema, message, 'service worker');
  if (!request) return undefined;
  // Loading a stage waits for nothing and is not a job: a frame asks once per stage.
  if (request.type === 'load-stage') return handlers['load-stage'](request, sender);
  // Identical pending requests of one sender (a hover repeated while the first answer is on its way) share one answer.
  return work.run(senderKey(sender), JSON.stringify(request), () => handle(request, sender));
});

// Omnibox: `secid <text>`.

export async function onOmniboxInput(
  text: string,
  suggest: (suggestions: browser.Omnibox.SuggestResult[]) => void,
): Promise<void> {
  await settingsReady;
  const [registry, search] = await Promise.all([registryReadyFor(text), searchWithKnowledge(), v1SearchPending()]);
  const v1Search = getV1Search();
  suggest(
    omniboxSuggestions(text, registry, search, {
      markup: !isFirefox(),
      resolve: { preferredEditions: settings.editions },
      ...(v1Search ? { v1Search } : {}),
    }),
  );
}

export async function onOmniboxEnter(text: string, disposition: Disposition): Promise<void> {
  await settingsReady;
  // Read afresh: Enter is rare, and a setting changed a moment ago must already count.
  const current = await loadSettings().catch(() => settings);
  // A chosen suggestion arrives as its content (a canonical SecID); typed text is anything.
  const url = omniboxEnterUrl({
    text,
    registry: await registryReadyFor(text),
    secidPage: secidPageUrl,
    goTo: current.omniboxEnter,
    options: { preferredEditions: current.editions },
  });
  if (disposition === 'newForegroundTab' || disposition === 'newBackgroundTab') {
    await browser.tabs.create({ url, active: disposition === 'newForegroundTab' });
  } else {
    await browser.tabs.update({ url });
  }
}

browser.omnibox.onInputChanged.addListener((text, suggest) => void onOmniboxInput(text, suggest));
browser.omnibox.onInputEntered.addListener(
  (text, disposition) => void onOmniboxEnter(text, disposition as Disposition),
);
// Chrome fills %s with the typed text inside its XML description; Firefox shows descriptions as plain text.
browser.omnibox.setDefaultSuggestion({
  description: isFirefox()
    ? browser.i18n.getMessage('omniboxDefaultPlain')
    : browser.i18n.getMessage('omniboxDefault', ['%s']),
});

// Context menu on selected text.

export const MENU_ID = 'secid-lens-lookup';

async function createMenu(): Promise<void> {
  // Idempotent: an update or a Firefox restart must not fail on a duplicate id.
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({
    id: MENU_ID,
    title: browser.i18n.getMessage('contextMenuLookup'),
    contexts: ['selection'],
  });
}

browser.runtime.onInstalled.addListener((details) => {
  void createMenu();
  // First run: a short page on what it does, examples to try, the settings and the privacy promise (not on updates).
  if (details.reason === 'install')
    void browser.tabs.create({ url: browser.runtime.getURL('src/welcome/welcome.html') }).catch(() => {});
});
browser.runtime.onStartup.addListener(() => void createMenu());

/** A selection that is one ID or SecID (no spaces), as opposed to a phrase to look up on the SecID page. */
function oneIdentifier(text: string): boolean {
  return text.length <= 1024 && !/\s/.test(text);
}

export async function onContextMenuClick(info: browser.Menus.OnClickData, tab?: browser.Tabs.Tab): Promise<void> {
  if (info.menuItemId !== MENU_ID || !info.selectionText) return;
  const text = info.selectionText.trim().replace(/\s+/g, ' ').slice(0, 1024);
  if (text === '') return;
  await settingsReady;
  // The in-page card when the selection is exactly one known ID and the page runs our content script.
  const answer = resolve(await registryReadyFor(text), text, { preferredEditions: settings.editions });
  const known = answer.status === 'found' || answer.status === 'corrected';
  if (known && oneIdentifier(text) && tab?.id !== undefined && tab.id >= 0) {
    try {
      if ((await askTab(tab.id, 'show-card', { text }))?.shown) return;
    } catch {
      // No content script there (browser page, PDF viewer, excluded site, page older than the extension).
    }
  }
  await browser.tabs.create({
    url: secidPageUrl(text),
    ...(tab?.index !== undefined && tab.index >= 0 ? { index: tab.index + 1 } : {}),
    ...(tab?.windowId !== undefined && tab.windowId >= 0 ? { windowId: tab.windowId } : {}),
  });
}

browser.contextMenus.onClicked.addListener((info, tab) => void onContextMenuClick(info, tab));

// Keyboard command: the card for the selection (or the ID under the caret) in the active tab.

const COMMANDS: Record<string, (tabId: number) => Promise<unknown>> = {
  'open-card': (tabId) => askTab(tabId, 'show-card'),
  'next-id': (tabId) => askTab(tabId, 'step', { direction: 1 }),
  'previous-id': (tabId) => askTab(tabId, 'step', { direction: -1 }),
};

browser.commands.onCommand.addListener(async (command, tab) => {
  const ask = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  const tabId = tab?.id;
  if (!ask || tabId === undefined) return;
  try {
    await ask(tabId);
  } catch {
    // No content script on this page.
  }
});
