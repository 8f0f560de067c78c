import { liveId } from '../core/live-details.ts';
import type { ResolveResult } from '../core/resolve-types.ts';
import { renderLive, type Translate } from '../ui/card.ts';
import { askWorker } from './ask-worker.ts';

/**
 * Extension pages (popup, SecID page): ask the service worker for live details of a card's CVE or GHSA ID and add
 * them under the card when they come. The worker answers "off" unless the user turned the feature on.
 */
export function attachLive(card: HTMLElement, result: ResolveResult | undefined, t: Translate, delayMs = 0): void {
  const id = result?.id !== undefined ? liveId(result.id) : undefined;
  if (!id) return;
  // Asked only for a card still on screen after `delayMs`: not for detached warm-up cards, nor for the IDs that
  // flash by while an ID is being typed.
  setTimeout(() => {
    if (card.isConnected) request(card, id, t);
  }, delayMs);
}

function request(card: HTMLElement, id: string, t: Translate): void {
  void askWorker('live', { id }).then(
    (answer) => {
      if (answer?.status !== 'ok' || !card.isConnected) return;
      if (card.querySelector('.secid-card__live')) return;
      card.append(renderLive(card.ownerDocument, answer.details, t));
    },
    () => undefined,
  );
}
