import type { CardHost } from './card-host.ts';
import type { CardView, CardViewDeps } from './card-view.ts';

/**
 * The contract between the two stages of the content script. The first stage (content-script.ts: settings, detector,
 * scan, highlights, hover tracking) runs on every page; the card UI (card-ui.ts: the card renderer, floating-ui, the
 * strings and styles) is injected by the service worker into the same isolated world at the first hover or card
 * request, and leaves its factory under CARD_UI_GLOBAL on that world's global object, which pages cannot see.
 */
export const CARD_UI_GLOBAL = '__secidLensCardUi';
/** The file the service worker injects (built by scripts/build.ts next to the content script). */
export const CARD_UI_FILE = 'src/content/card-ui.js';

export type CardMode = 'hover' | 'dialog';

/**
 * The card as the first stage sees it: the CardView's public side (a type only: no code crosses the stages). `K` is
 * what a card is about (a hit).
 */
export type CardUi<K> = Pick<
  CardView<K>,
  'mode' | 'key' | 'pinned' | 'restoringFocus' | 'show' | 'hide' | 'announceCurrent'
>;

export interface CardUiDeps extends Pick<
  CardViewDeps,
  'theme' | 'onRelated' | 'resolve' | 'openUrl' | 'onError' | 'live'
> {
  doc: Document;
  host: CardHost;
}

export type CardUiFactory = <K>(deps: CardUiDeps) => CardUi<K>;
