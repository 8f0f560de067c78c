import { resolve } from '../core/resolve.ts';
import { getRegistry } from '../shared/registry-data.ts';
import { renderCard } from '../ui/card.ts';
import { localisePage, t } from '../ui/i18n.ts';

localisePage(document);
const input = document.querySelector<HTMLInputElement>('#q')!;
const status = document.querySelector<HTMLParagraphElement>('#status')!;
const cards = document.querySelector<HTMLDivElement>('#cards')!;

function show(q: string): void {
  input.value = q;
  cards.replaceChildren();
  if (q.trim() === '') return;
  const response = resolve(getRegistry(), q);
  status.textContent = `${response.status}${response.message ? `: ${response.message}` : ''}`;
  cards.append(renderCard(document, response, { written: q, t }));
}

document.querySelector('form')!.addEventListener('submit', (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set('q', input.value);
  history.replaceState(null, '', url);
  show(input.value);
});
show(new URLSearchParams(location.search).get('q') ?? '');
