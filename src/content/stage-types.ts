import type { CardUiFactory } from './card-ui-types.ts';
import type { ControlStage } from './control-stage-types.ts';
import type { LensStage } from './lens-stage-types.ts';

/**
 * The content script in stages. The first stage (content-script.ts) runs on every page: a candidate check of the
 * page's text and of what arrives later, and a note of where the pointer rests; it touches no extension API until it
 * meets a candidate or is woken. The others are injected by the service worker with `scripting.executeScript` into the
 * asking frame's isolated world, only when needed, each at most once per frame, and leave what they export under their
 * global on that world's global object, which pages cannot see:
 * - `control`: the settings and site exclusion, the answers to the tab's requests, the toolbar badge's report and the
 *   loading of the lens (control-stage.ts), at the first candidate or when a request wakes the page;
 * - `lens`: the scanner, hit index, highlighter, hover tracking and card host (lens-stage.ts), when the page has a
 *   candidate or a request needs it;
 * - `card-ui`: the card renderer, floating-ui, strings and styles (card-ui.ts), when a card is about to show.
 * Packaged files run by the service worker, not web-accessible modules: a page can probe web-accessible URLs to learn
 * which extensions a visitor has, and no file of ours is reachable from a page this way.
 */
export const STAGES = {
  control: { file: 'src/content/control-stage.js', global: '__secidLensControlStage' },
  lens: { file: 'src/content/lens-stage.js', global: '__secidLensLensStage' },
  'card-ui': { file: 'src/content/card-ui.js', global: '__secidLensCardUi' },
} as const;

export type StageName = keyof typeof STAGES;

/** What each stage leaves under its global (types only: no code crosses the stages). */
export interface StageExports {
  control: ControlStage;
  lens: LensStage;
  'card-ui': CardUiFactory;
}

/** Called by a stage's entry: leaves its export for the stage that loaded it (a second injection changes nothing). */
export function publishStage<S extends StageName>(stage: S, value: StageExports[S]): void {
  (globalThis as Record<string, unknown>)[STAGES[stage].global] ??= value;
}
