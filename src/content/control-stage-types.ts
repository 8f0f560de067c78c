import type { PointerTracker } from './pointer-seed.ts';

/** What the first stage hands over to the control stage (see stage-types.ts) when it starts it, once per frame. */
export interface ControlStageOptions {
  /** The first stage's note of the pointer, from then on the control stage's. */
  pointer?: PointerTracker;
  /** Stops the first stage's candidate watch, if it still runs (the control stage restarts it as the settings say). */
  stopWatch?: () => void;
}

/** The control stage as the first stage drives it. */
export interface Control {
  /** The first stage met a candidate (of any family) in this text: read the settings, then start the lens or not. */
  candidate(text: string): void;
  /** Answer the tab's requests from now on (the popup or the service worker woke this page). */
  listen(): void;
}

export type ControlStage = (options: ControlStageOptions) => Control;
