import browser from 'webextension-polyfill';

/** The lookup page for a query: where the omnibox, the context menu and the popup's "more" links land. */
export function lookupPageUrl(query: string): string {
  const base = browser.runtime.getURL('src/lookup/lookup.html');
  return query ? `${base}?q=${encodeURIComponent(query)}` : base;
}

/** True for a URL of one of our own pages (links between them open as tabs, not inside the popup). */
export function isExtensionUrl(url: string): boolean {
  return url.startsWith(browser.runtime.getURL(''));
}
