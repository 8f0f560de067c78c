import { CARD_UI_GLOBAL, type CardUiFactory } from './card-ui-types.ts';
import type { askWorker } from './ext.ts';

/**
 * Loads the card UI (the second stage) once: asks the service worker to inject it into this frame, then takes its
 * factory from this isolated world's global object. A failed load is forgotten, so the next hover asks again.
 */
export function cardLoader(ask: typeof askWorker): () => Promise<CardUiFactory | undefined> {
  const ready = () => (globalThis as Record<string, unknown>)[CARD_UI_GLOBAL] as CardUiFactory | undefined;
  let pending: Promise<CardUiFactory | undefined> | undefined;
  return () => {
    const known = ready();
    if (known) return Promise.resolve(known);
    pending ??= ask('load-card-ui')
      .then(ready, () => undefined)
      .then((factory) => {
        if (!factory) pending = undefined;
        return factory;
      });
    return pending;
  };
}
