import browser from 'webextension-polyfill';

/** Firefox differs in a few visible ways (plain-text omnibox descriptions, where shortcuts are changed). */
export function isFirefox(): boolean {
  return browser.runtime.getURL('').startsWith('moz-extension:');
}
