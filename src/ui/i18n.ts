import type { Translate } from './card.ts';

// i18n is synchronous and alike in every browser, so no polyfill: importing it would cost each extension page a chain
// of module loads before its first paint. Looked up on use, so importing this file outside a browser is harmless.
const i18n = () => (globalThis as { browser?: typeof chrome }).browser?.i18n ?? chrome.i18n;

/** UI strings come from _locales; the key itself shows when a message is missing, so gaps are visible, not blank. */
export const t: Translate = (key, substitutions) => i18n().getMessage(key, substitutions) || key;

/** Fill every [data-i18n] element's text and [data-i18n-*] attributes of a page from the messages file. */
export function localisePage(doc: Document): void {
  for (const node of doc.querySelectorAll<HTMLElement>('[data-i18n]')) node.textContent = t(node.dataset.i18n!);
  for (const node of doc.querySelectorAll<HTMLElement>('[data-i18n-placeholder]'))
    node.setAttribute('placeholder', t(node.dataset.i18nPlaceholder!));
  for (const node of doc.querySelectorAll<HTMLElement>('[data-i18n-aria-label]'))
    node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel!));
  for (const node of doc.querySelectorAll<HTMLElement>('[data-i18n-title]'))
    node.setAttribute('title', t(node.dataset.i18nTitle!));
}
