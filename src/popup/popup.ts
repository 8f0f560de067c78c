import browser from 'webextension-polyfill';
import { resolve } from '../core/resolve.ts';
import { getRegistry, getSearch } from '../shared/registry-data.ts';
import { renderCard } from '../ui/card.ts';
import { el } from '../ui/dom.ts';
import { localisePage, t } from '../ui/i18n.ts';

localisePage(document);
const input = document.querySelector<HTMLInputElement>('#q')!;
const results = document.querySelector<HTMLUListElement>('#results')!;
const answer = document.querySelector<HTMLDivElement>('#answer')!;

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function update(): void {
  const q = input.value.trim();
  results.replaceChildren();
  answer.replaceChildren();
  if (q === '') return;
  const response = resolve(getRegistry(), q);
  if (response.status !== 'not_found' && response.status !== 'error') answer.append(renderCard(document, response, { written: q, t, copy }));
  for (const hit of getSearch().search(q, 12)) {
    const li = el(document, 'li', { role: 'option', 'data-secid': hit.secid }, el(document, 'span', { class: 'code' }, hit.code), hit.title, el(document, 'span', { class: 'meta' }, `${hit.source}${hit.edition ? ` (${hit.edition})` : ''}`));
    li.addEventListener('click', () => {
      input.value = hit.secid;
      update();
    });
    results.append(li);
  }
}

input.addEventListener('input', update);
input.focus();
void browser.runtime.getManifest();
