import detectorRules from '../generated/detector-rules.json';
import type { LiveDetails } from '../core/live-details.ts';
import type { DetectRules } from '../core/registry-types.ts';
import { DEFAULT_SETTINGS, isExcluded, type Settings } from '../core/settings.ts';
import { MAX_REPORTED_IDS } from '../shared/page-report.ts';
import { t } from '../ui/i18n.ts';
import { cardLoader } from './card-loader.ts';
import { askWorker, loadSettings, onSettingsChanged, onTabRequest, type TabHandlers } from './ext.ts';
import { startLens, type Lens } from './lens.ts';
import { cachedLookup } from './lookup-client.ts';
import { noteError } from './safe.ts';

// Entry point, the first stage (see card-ui-types.ts): decides from the settings whether anything runs on this page,
// and wires the extension APIs to the lens. When the extension is off here, nothing touches the page (no host
// element, no observers). The card UI is loaded only when a card is about to show.

const resolve = cachedLookup(askWorker);
const loadCards = cardLoader(askWorker);
let lens: Lens | undefined;
let liveOn = false;

/** Live details from the service worker, only when the user turned them on (it checks again, with the permission). */
function live(id: string): Promise<LiveDetails | undefined> {
  if (!liveOn) return Promise.resolve(undefined);
  return askWorker('live', { id }).then(
    (answer) => (answer?.status === 'ok' ? answer.details : undefined),
    () => undefined,
  );
}

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

function apply(settings: Settings): void {
  liveOn = settings.liveDetails;
  const on = settings.enabled && !isExcluded(settings, location.hostname);
  const badgeChanged = settings.badge !== badge;
  badge = settings.badge;
  // The worker clears every badge when the setting goes off: the next report must be sent even if the IDs are the same.
  if (badgeChanged) reported = '';
  if (!on) {
    const had = lens !== undefined;
    lens?.destroy();
    lens = undefined;
    if (had) reportIds();
    return;
  }
  if (lens) {
    lens.update(settings);
    if (badgeChanged) reportIds();
    return;
  }
  lens = startLens(document, {
    spec: detectorRules as DetectRules,
    settings,
    resolve,
    loadCards,
    t,
    openRelated: (secid) => void askWorker('open-secid-page', { query: secid }).catch(noteError),
    live,
    onScanDone: reportIds,
    openUrl: (query, url) => void askWorker('open-url', { query, url }).catch(noteError),
  });
}

const tabHandlers: TabHandlers = {
  'page-ids': async () => (lens ? lens.pageIds() : []),
  'scroll-to': async (request) => ({ scrolled: lens ? await lens.scrollTo(request.text, request.index) : false }),
  'show-card': async (request) => ({ shown: lens ? await lens.showCard(request.text) : false }),
  step: async (request) => ({ shown: lens ? await lens.step(request.direction) : false }),
};

// Only HTML documents: an SVG or XML page has no place for our host.
if (document.documentElement instanceof HTMLElement) {
  const started = loadSettings()
    .catch(() => DEFAULT_SETTINGS)
    .then((settings) => {
      try {
        apply(settings);
      } catch (error) {
        noteError(error);
      }
    });
  onSettingsChanged((settings) => {
    try {
      apply(settings);
    } catch (error) {
      noteError(error);
    }
  });
  // A request that arrives while the settings are still loading is answered once they are (else "no IDs here").
  onTabRequest(tabHandlers, started);
}
