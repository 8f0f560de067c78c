import type { CardHost } from './card-host.ts';
import type { CardView, CardViewDeps } from './card-view.ts';

/**
 * The contract between the lens (the scan, highlights, hover tracking) and the card UI stage (card-ui.ts: the card
 * renderer, floating-ui, the strings and styles), injected into the same isolated world at the first hover or card
 * request (see stage-types.ts).
 */
export type CardMode = 'hover' | 'dialog';

/**
 * The card as the lens sees it: the CardView's public side (a type only: no code crosses the stages). `K` is
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
