import browser from 'webextension-polyfill';

/** The SecID page for a query: where the omnibox, the context menu and the popup's "more" links land. */
export function secidPageUrl(query: string): string {
  const base = browser.runtime.getURL('src/secid-page/secid-page.html');
  return query ? `${base}?q=${encodeURIComponent(query)}` : base;
}

/** True for a URL of one of our own pages (links between them open as tabs, not inside the popup). */
export function isExtensionUrl(url: string): boolean {
  return url.startsWith(browser.runtime.getURL(''));
}
