import browser from 'webextension-polyfill';

export interface TargetTab {
  id: number;
  /** Known when the user opened the popup on the tab (activeTab grants it), unknown otherwise. */
  url?: string;
}

/**
 * The tab whose page the popup describes. Normally the active tab of the popup's window. `popup.html?tab=<id>&url=<url>`
 * points it at a given tab instead: only an extension page can open popup.html (it is not web-accessible), and tests
 * use it because a popup opened as a tab is itself the active tab, with no user gesture to grant activeTab.
 */
export async function targetTab(params: URLSearchParams): Promise<TargetTab | undefined> {
  const given = params.get('tab');
  if (given !== null) {
    const id = Number(given);
    if (!Number.isInteger(id) || id < 0) return undefined;
    const url = params.get('url') ?? (await browser.tabs.get(id).catch(() => undefined))?.url;
    return url ? { id, url } : { id };
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
  if (tab?.id === undefined || tab.id < 0) return undefined;
  // The popup page opened as an ordinary tab is its own active tab: there is no page to describe. Asked by tab, not
  // by URL: without the "tabs" permission Chromium 150 gives no URL even for our own pages.
  const own = await browser.tabs.getCurrent().catch(() => undefined);
  if (own?.id === tab.id || tab.url?.startsWith(browser.runtime.getURL(''))) return undefined;
  return tab.url ? { id: tab.id, url: tab.url } : { id: tab.id };
}
