import { applyCachedTheme } from '../shared/page-theme.ts';
import { localisePage } from '../ui/i18n.ts';

// The shell: localised, themed and focused before anything else loads, so the box is there to type in at once.
// Open time is measured from navigation start (performance.now() is relative to it) to this first render; the rest
// of the popup (search, cards, the page's IDs) and the registry (a ~0.7 MB chunk) load after it.
performance.mark('popup-script');
applyCachedTheme(document);
localisePage(document);
document.querySelector<HTMLInputElement>('#q')!.focus();
performance.mark('popup-rendered');
document.documentElement.dataset.openMs = performance
  .measure('popup-open', { start: 0, end: 'popup-rendered' })
  .duration.toFixed(1);

void import('./popup-app.ts');
