import type { Settings } from '../core/settings.ts';
import type { askWorker } from './ext.ts';
import type { Lens } from './lens.ts';
import type { PointerAt } from './pointer-seed.ts';

/** What the control stage gives the lens stage (see stage-types.ts) to start the lens on its page. */
export interface LensStageOptions {
  doc: Document;
  settings: Settings;
  /** The content script's typed channel to the service worker. */
  ask: typeof askWorker;
  /** Whether live details are on (they change with the settings). */
  liveOn: () => boolean;
  /** Called each time a scan pass ends (the toolbar badge's report). */
  onScanDone: () => void;
  /** Where the pointer was last seen before the lens started, if it moved over the page. */
  pointer?: PointerAt;
}

/** The lens as the control stage drives it: settings changes, teardown and the tab's requests. */
export type PageLens = Pick<Lens, 'update' | 'destroy' | 'pageIds' | 'scrollTo' | 'showCard' | 'step'>;

export type LensStage = (options: LensStageOptions) => PageLens;
