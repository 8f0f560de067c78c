import browser from 'webextension-polyfill';
import { resolve } from '../core/resolve.ts';
import { applyCachedTheme, applyTheme, themeCard } from '../shared/page-theme.ts';
import { getRegistry } from '../shared/registry-data.ts';
import { secidPageUrl } from '../shared/secid-page-url.ts';
import { loadSettings } from '../shared/settings-store.ts';
import { renderCard } from '../ui/card.ts';
import { el } from '../ui/dom.ts';
import { localisePage, t } from '../ui/i18n.ts';
import { copy } from '../ui/page-copy.ts';

// The first-run page: what SecID Lens does, examples to try right here (content scripts do not run on extension
// pages, so the examples show the shared card in the page), where the settings are, and the privacy promise.

let theme = applyCachedTheme(document);
localisePage(document);

/** IDs of different kinds, including one that means different things per edition and a SecID with an edition. */
export const EXAMPLES = [
  'ML03',
  'LLM02',
  'LLM01:2025',
  'CVE-2024-3094',
  'CWE-79',
  'AML.T0051',
  'secid:weakness/owasp/llm-top10@2025#LLM02',
];

const list = document.querySelector<HTMLUListElement>('#examples')!;
const slot = document.querySelector<HTMLElement>('#example-card')!;

function show(example: string, button: HTMLButtonElement): void {
  for (const b of list.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b === button));
  const response = resolve(getRegistry(), example);
  const card = renderCard(document, response, {
    written: example,
    t,
    copy,
    relatedHref: secidPageUrl,
    permalink: secidPageUrl,
  });
  slot.replaceChildren(themeCard(card, theme));
}

for (const example of EXAMPLES) {
  const button = el(document, 'button', { type: 'button', 'aria-pressed': 'false', 'data-example': example }, example);
  // Hover or focus shows the card, as on any page; a click keeps it.
  button.addEventListener('mouseenter', () => show(example, button));
  button.addEventListener('focus', () => show(example, button));
  button.addEventListener('click', () => show(example, button));
  list.append(el(document, 'li', {}, button));
}

document.querySelector('#open-options')!.addEventListener('click', (event) => {
  event.preventDefault();
  void browser.runtime.openOptionsPage();
});

void loadSettings().then((settings) => {
  theme = settings.theme;
  applyTheme(document, theme);
  document.documentElement.dataset.ready = 'true';
});
