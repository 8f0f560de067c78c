import candidateRules from '../generated/candidate-rules.json';
import { candidatePattern } from '../core/detect.ts';
import type { CandidateRules } from '../core/registry-types.ts';
import { TAB_WAKE } from '../shared/tab-request.ts';
import { watchCandidates } from './candidate-watch.ts';
import type { Control } from './control-stage-types.ts';
import { askWorker } from './ext.ts';
import { trackPointer, type PointerTracker } from './pointer-seed.ts';
import { noteError } from './safe.ts';
import { stageLoader } from './stage-loader.ts';

// Entry point, the first stage (see stage-types.ts), on every page: looks for candidates of any family in the page's
// text and in what arrives later, and notes where the pointer rests. At the first candidate, or when the popup or the
// service worker wakes the page (TAB_WAKE), it has the control stage injected and hands over to it (settings, the
// tab's requests, the lens). A page without candidates touches no extension API and evaluates only this small file
// (compiling the rest was most of what such a page cost: see BENCHMARKS.md): one MutationObserver and three passive
// pointer listeners, no host element.

const load = stageLoader(askWorker);
let pointer: PointerTracker | undefined;
let stopWatch: (() => void) | undefined;
let control: Promise<Control | undefined> | undefined;

/** The control stage, loaded and started once (a failed load is asked again at the next need). */
function controlStage(): Promise<Control | undefined> {
  control ??= load('control').then((start) => {
    if (!start) {
      control = undefined;
      return undefined;
    }
    // From here on the pointer note and the watch are the control stage's.
    const handed = { ...(pointer ? { pointer } : {}), ...(stopWatch ? { stopWatch } : {}) };
    pointer = undefined;
    stopWatch = undefined;
    return start(handed);
  });
  return control;
}

// Only HTML documents: an SVG or XML page has no place for our host.
if (document.documentElement instanceof HTMLElement) {
  try {
    // From the start: an ID may appear later under a pointer already at rest (see pointer-seed.ts).
    pointer = trackPointer(document);
    // A candidate of any family brings in the control stage, which reads the settings and decides.
    stopWatch = watchCandidates({
      doc: document,
      pattern: new RegExp(candidatePattern((candidateRules as CandidateRules).families), 'u'),
      onCandidate: (text) => {
        controlStage()
          .then((c) => c?.candidate(text))
          .catch(noteError);
      },
    });
  } catch (error) {
    noteError(error);
  }
  // On our isolated world's global object: the page cannot see or call it (see src/shared/ask-tab.ts). The service
  // worker waits for the answer (a promise), so the tab's listener is there before it asks again.
  Object.defineProperty(globalThis, TAB_WAKE, {
    value: async () => {
      const c = await controlStage();
      c?.listen();
      return c !== undefined;
    },
    configurable: true,
  });
}
