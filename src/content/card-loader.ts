import { CARD_UI_GLOBAL, LOAD_CARD_UI, type CardUiFactory } from './card-ui-types.ts';

/**
 * Loads the card UI (the second stage) once: asks the service worker to inject it into this frame, then takes its
 * factory from this isolated world's global object. A failed load is forgotten, so the next hover asks again.
 */
export function cardLoader(send: (message: unknown) => Promise<unknown>): () => Promise<CardUiFactory | undefined> {
  const ready = () => (globalThis as Record<string, unknown>)[CARD_UI_GLOBAL] as CardUiFactory | undefined;
  let pending: Promise<CardUiFactory | undefined> | undefined;
  return () => {
    const known = ready();
    if (known) return Promise.resolve(known);
    pending ??= send({ type: LOAD_CARD_UI })
      .then(ready, () => undefined)
      .then((factory) => {
        if (!factory) pending = undefined;
        return factory;
      });
    return pending;
  };
}
