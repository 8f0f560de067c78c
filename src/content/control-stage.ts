import candidateRules from '../generated/candidate-rules.json';
import { candidatePattern } from '../core/detect.ts';
import type { CandidateRules } from '../core/registry-types.ts';
import { DEFAULT_SETTINGS, isExcluded, type Settings } from '../core/settings.ts';
import { MAX_REPORTED_IDS } from '../shared/page-report.ts';
import { watchCandidates } from './candidate-watch.ts';
import type { Control, ControlStage } from './control-stage-types.ts';
import { HOST_TAG } from './dom-walk.ts';
import { askWorker, loadSettings, onSettingsChanged, onTabRequest, type TabHandlers } from './ext.ts';
import type { PageLens } from './lens-stage-types.ts';
import { trackPointer, type PointerTracker } from './pointer-seed.ts';
import { noteError } from './safe.ts';
import { stageLoader } from './stage-loader.ts';
import { publishStage } from './stage-types.ts';

// The control stage of the content script (see stage-types.ts): injected at most once per frame, at the first
// candidate the first stage meets or when a request of the popup or the service worker wakes the page. It reads the
// settings and follows their changes, answers the tab's requests, starts the lens (the next stage) when the extension
// is on here, and reports the page's IDs for the toolbar badge. When the extension is off here, the lens never starts
// and nothing touches the page.

const spec = candidateRules as CandidateRules;
const load = stageLoader(askWorker);
let settings: Settings | undefined;
let lens: PageLens | undefined;
let starting: Promise<PageLens | undefined> | undefined;
let stopWatch: (() => void) | undefined;
/** Where the pointer rests while the lens is on its way (see pointer-seed.ts). */
let pointer: PointerTracker | undefined;
/** The root element the lens was started on: a page that rewrites itself (document.open()) replaces it. */
let lensRoot: Element | null = null;

let badge = DEFAULT_SETTINGS.badge;
let reportTimer: ReturnType<typeof setTimeout> | undefined;
// What the badge shows was last reported as; a new page's badge starts empty (the browser resets a tab's badge when it
// navigates), so a page without IDs sends nothing and never wakes the service worker for the badge.
let reported = '[]';

/**
 * Tells the service worker which IDs the page has (for the toolbar badge), once the page has been quiet for a moment
 * and the main thread is idle: the badge is never worth a frame of the page's own work.
 */
function reportIds(): void {
  clearTimeout(reportTimer);
  reportTimer = setTimeout(() => {
    const send = () => {
      const current = lens;
      const ids = current && badge ? current.pageIds() : Promise.resolve([]);
      void ids
        .then((list) => {
          const slim = list.slice(0, MAX_REPORTED_IDS).map(({ text, count }) => ({ text, count }));
          const key = JSON.stringify(slim);
          if (key === reported) return;
          reported = key;
          return askWorker('page-ids-report', { ids: slim });
        })
        .catch(noteError);
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(send, { timeout: 2000 });
    else send();
  }, 300);
}

const isOn = (s: Settings | undefined): s is Settings => !!s && s.enabled && !isExcluded(s, location.hostname);

/** The candidate pattern of the families on: a family switched off cannot bring the lens in. */
function candidates(s: Settings): RegExp {
  const on = spec.families.filter((f) => (s.families[f.id] ?? f.default) !== 'off');
  return new RegExp(candidatePattern(on), 'u');
}

let settingsRead: Promise<void> | undefined;
let listening = false;

/**
 * Answers the tab's requests from now on: at the first candidate, or when the service worker or the popup wakes this
 * page (see TAB_WAKE). Until then no extension API is touched: the first touch of one was most of a page's cost.
 */
function listen(): void {
  if (listening) return;
  listening = true;
  onTabRequest(tabHandlers);
}

/**
 * The text the first stage met a candidate in before the settings were read (a candidate of any family): if it holds
 * one of the families on, the lens starts; if not, the page is watched again for those (from the top).
 */
let metBeforeSettings: string | undefined;

/**
 * Reads the settings once, and follows their changes from then on: called at the first candidate or request. Until
 * then a setting changed elsewhere is of no concern here (it is read fresh when it matters).
 */
function readSettings(): Promise<void> {
  listen();
  settingsRead ??= (async () => {
    onSettingsChanged(applySafely);
    applySafely(await loadSettings().catch(() => DEFAULT_SETTINGS));
  })();
  return settingsRead;
}

function applySafely(next: Settings): void {
  try {
    apply(next);
  } catch (error) {
    noteError(error);
  }
}

/** The lens on this page once the settings are read (see startLens). */
async function ensureLens(): Promise<PageLens | undefined> {
  await readSettings();
  return startLens();
}

/**
 * The lens, loading its stage and starting it if need be; undefined while the extension is off here or when the stage
 * cannot be loaded. Started once, with the settings current when its stage arrives. Synchronous up to the load, so
 * that a request waiting for the settings (see running) finds the lens on its way once they are applied.
 */
function startLens(): PageLens | Promise<PageLens | undefined> | undefined {
  restartIfRewritten();
  if (lens || !isOn(settings)) return lens;
  starting ??= load('lens')
    .then((stage) => {
      if (!stage || lens || !isOn(settings)) return lens;
      stopWatch?.();
      stopWatch = undefined;
      const current = settings;
      const at = pointer?.last();
      pointer?.stop();
      pointer = undefined;
      lensRoot = document.documentElement;
      lens = stage({
        ...(at ? { pointer: at } : {}),
        doc: document,
        settings: current,
        ask: askWorker,
        liveOn: () => settings?.liveDetails === true,
        onScanDone: reportIds,
      });
      return lens;
    })
    .catch((error: unknown) => {
      noteError(error);
      return undefined;
    })
    .finally(() => {
      starting = undefined;
    });
  return starting;
}

function apply(next: Settings): void {
  const before = settings;
  settings = next;
  const badgeChanged = next.badge !== badge;
  badge = next.badge;
  // The worker clears every badge when the setting goes off: the next report must be sent even if the IDs are the same.
  if (badgeChanged) reported = '';
  if (!isOn(next)) {
    stopWatch?.();
    stopWatch = undefined;
    pointer?.stop();
    pointer = undefined;
    const had = lens !== undefined;
    lens?.destroy();
    lens = undefined;
    if (had) reportIds();
    return;
  }
  if (lens) {
    lens.update(next);
    if (badgeChanged) reportIds();
    return;
  }
  // Not started: watch for candidates of the families now on (again, if they changed).
  if (stopWatch && before && JSON.stringify(before.families) === JSON.stringify(next.families)) return;
  stopWatch?.();
  stopWatch = undefined;
  // A host left by an earlier copy of us (extension reloaded) sits under <html>: no document-wide query needed.
  for (const child of [...document.documentElement.children]) if (child.localName === HOST_TAG) child.remove();
  pointer ??= trackPointer(document);
  const pattern = candidates(next);
  const met = metBeforeSettings;
  metBeforeSettings = undefined;
  if (met !== undefined && pattern.test(met)) {
    void startLens();
    return;
  }
  stopWatch = watchCandidates({ doc: document, pattern, onCandidate: () => void startLens() });
}

/**
 * A page that rewrote itself with document.open() has a new root element, and its own listeners (ours too) are gone:
 * the lens still watches the old nodes. Checked on each request (the popup's "On this page", a keyboard command): the
 * lens is stopped and the new document is watched for candidates like a fresh page.
 */
function restartIfRewritten(): void {
  if (!lens || document.documentElement === lensRoot || !settings) return;
  lens.destroy();
  lens = undefined;
  lensRoot = null;
  const current = settings;
  settings = undefined;
  apply(current);
}

/** The lens if it runs or is on its way (a page without candidates has none: no IDs, nothing to scroll to). */
const running = async () => {
  // A page whose candidate was just met may still be reading the settings: its lens is on its way.
  if (settingsRead) await settingsRead;
  restartIfRewritten();
  return lens ?? (await starting);
};

const tabHandlers: TabHandlers = {
  'page-ids': async () => (await running())?.pageIds() ?? [],
  'scroll-to': async (request) => ({
    scrolled: (await (await running())?.scrollTo(request.text, request.index)) ?? false,
  }),
  // A card for the selection, and the next-ID steps (which say so when the page has none), need the lens anyway.
  'show-card': async (request) => ({ shown: (await (await ensureLens())?.showCard(request.text)) ?? false }),
  step: async (request) => ({ shown: (await (await ensureLens())?.step(request.direction)) ?? false }),
};

let control: Control | undefined;

const start: ControlStage = (handed) => {
  if (control) return control;
  pointer = handed.pointer;
  stopWatch = handed.stopWatch;
  control = {
    candidate: (text) => {
      metBeforeSettings = text;
      void readSettings();
    },
    listen,
  };
  return control;
};

publishStage('control', start);
