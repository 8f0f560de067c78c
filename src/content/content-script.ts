import detectorSpec from '../generated/detector.json';
import type { DetectorSpec } from '../core/registry-types.ts';
import { DEFAULT_SETTINGS, isExcluded, type Settings } from '../core/settings.ts';
import type { TabRequest } from '../shared/messages.ts';
import { cardLoader } from './card-loader.ts';
import { loadSettings, onMessage, onSettingsChanged, sendMessage } from './ext.ts';
import { startLens, type Lens } from './lens.ts';
import { cachedResolver } from './resolve-client.ts';
import { noteError } from './safe.ts';
import { parseTabRequest } from './tab-request.ts';

// Entry point, the first stage (see card-ui-types.ts): decides from the settings whether anything runs on this page,
// and wires the extension APIs to the lens. When the extension is off here, nothing touches the page (no host
// element, no observers). The card UI is loaded only when a card is about to show.

const resolve = cachedResolver(sendMessage);
const loadCards = cardLoader(sendMessage);
let lens: Lens | undefined;

function apply(settings: Settings): void {
  const on = settings.enabled && !isExcluded(settings, location.hostname);
  if (!on) {
    lens?.destroy();
    lens = undefined;
    return;
  }
  if (lens) return lens.update(settings);
  lens = startLens(document, {
    spec: detectorSpec as DetectorSpec,
    settings,
    resolve,
    loadCards,
    openRelated: (secid) => void sendMessage({ type: 'open-resolve-page', query: secid }).catch(noteError),
  });
}

async function handle(request: TabRequest): Promise<unknown> {
  // A request that arrives while the settings are still loading is answered once they are (else "no IDs here").
  await started;
  switch (request.type) {
    case 'page-ids':
      return lens ? lens.pageIds() : [];
    case 'scroll-to':
      return { scrolled: lens ? await lens.scrollTo(request.text, request.index) : false };
    case 'show-card':
      return { shown: lens ? await lens.showCard(request.text) : false };
  }
}

let started: Promise<void> = Promise.resolve();

// Only HTML documents: an SVG or XML page has no place for our host.
if (document.documentElement instanceof HTMLElement) {
  started = loadSettings()
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
  onMessage((message: unknown) => {
    // Checked quietly: a message of another shape is simply not ours (the page's console stays clean).
    const request = parseTabRequest(message);
    if (!request) return undefined;
    return handle(request).catch((error: unknown) => {
      noteError(error);
      return undefined;
    });
  });
}
