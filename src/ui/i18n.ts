import browser from 'webextension-polyfill';
import type { Translate } from './card.ts';

/** UI strings come from _locales; the key itself shows when a message is missing, so gaps are visible, not blank. */
export const t: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions) || key;

/** Fill every [data-i18n] element's text and [data-i18n-*] attributes of a page from the messages file. */
export function localisePage(doc: Document): void {
  for (const node of doc.querySelectorAll<HTMLElement>('[data-i18n]')) node.textContent = t(node.dataset.i18n!);
  for (const node of doc.querySelectorAll<HTMLElement>('[data-i18n-placeholder]')) node.setAttribute('placeholder', t(node.dataset.i18nPlaceholder!));
  for (const node of doc.querySelectorAll<HTMLElement>('[data-i18n-aria-label]')) node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel!));
  for (const node of doc.querySelectorAll<HTMLElement>('[data-i18n-title]')) node.setAttribute('title', t(node.dataset.i18nTitle!));
}
