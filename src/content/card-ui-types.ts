import type { VirtualElement } from '@floating-ui/dom';
import type { ResolveResponse } from '../core/resolve-types.ts';
import type { CardHost } from './card-host.ts';

/**
 * The contract between the two stages of the content script. The first stage (content-script.ts: settings, detector,
 * scan, highlights, hover tracking) runs on every page; the card UI (card-ui.ts: the card renderer, floating-ui, the
 * strings and styles) is injected by the service worker into the same isolated world at the first hover or card
 * request, and leaves its factory under CARD_UI_GLOBAL on that world's global object, which pages cannot see.
 */
export const CARD_UI_GLOBAL = '__secidLensCardUi';
/** The file the service worker injects (built by scripts/build.ts next to the content script). */
export const CARD_UI_FILE = 'src/content/card-ui.js';
/** The message the first stage sends to have the card UI injected into its frame. */
export const LOAD_CARD_UI = 'load-card-ui';

export type CardMode = 'hover' | 'dialog';

export interface CardUi {
  readonly mode: CardMode | undefined;
  /** What the open card is about (a hit). */
  readonly key: unknown;
  readonly open: boolean;
  show(anchor: VirtualElement, response: ResolveResponse, written: string, mode: CardMode, key: unknown): void;
  hide(restoreFocus?: boolean): void;
}

export interface CardUiDeps {
  doc: Document;
  host: CardHost;
  theme: () => 'light' | 'dark';
  onRelated: (secid: string) => void;
  onError: (error: unknown) => void;
}

export type CardUiFactory = (deps: CardUiDeps) => CardUi;
