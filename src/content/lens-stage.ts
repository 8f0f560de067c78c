import detectorRules from '../generated/detector-rules.json';
import type { LiveDetails } from '../core/live-details.ts';
import type { DetectRules } from '../core/registry-types.ts';
import { t } from '../ui/i18n.ts';
import type { LensStage } from './lens-stage-types.ts';
import { startLens } from './lens.ts';
import { cachedLookup } from './lookup-client.ts';
import { noteError } from './safe.ts';
import { stageLoader } from './stage-loader.ts';
import { publishStage } from './stage-types.ts';

// The lens stage of the content script (see stage-types.ts): injected at most once per frame, when the control stage
// has a candidate on the page and the extension on there, or a request needs the lens. It only leaves its starter on
// the isolated world's global object; the control stage calls it with the extension's channel, and the lens gets its
// services from here.
const spec = detectorRules as DetectRules;

const start: LensStage = ({ doc, settings, ask, liveOn, onScanDone, pointer }) => {
  const load = stageLoader(ask);
  /** Live details from the service worker, only when the user turned them on (it checks again, with the permission). */
  const live = (id: string): Promise<LiveDetails | undefined> => {
    if (!liveOn()) return Promise.resolve(undefined);
    return ask('live', { id }).then(
      (answer) => (answer?.status === 'ok' ? answer.details : undefined),
      () => undefined,
    );
  };
  return startLens(doc, {
    spec,
    settings,
    resolve: cachedLookup(ask),
    loadCards: () => load('card-ui'),
    t,
    openRelated: (secid) => void ask('open-secid-page', { query: secid }).catch(noteError),
    live,
    onScanDone,
    ...(pointer ? { pointer } : {}),
    openUrl: (query, url) => void ask('open-url', { query, url }).catch(noteError),
  });
};
publishStage('lens', start);
