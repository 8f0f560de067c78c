import type { Settings } from '../core/settings.ts';

type Theme = Settings['theme'];

const CACHE_KEY = 'secid-lens-theme';

/**
 * The theme of an extension page: `data-theme` on <html> sets `color-scheme`, which drives every light-dark() colour in
 * extension-page.css. Mirrored in localStorage (shared by our pages) so the next page paints in the right theme at once,
 * before extension storage answers.
 */
export function applyTheme(doc: Document, theme: Theme): void {
  doc.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(CACHE_KEY, theme);
  } catch {
    // Storage off (private mode policies): the page just waits for settings.
  }
}

/** The theme last applied on any of our pages, read synchronously at script start. */
export function applyCachedTheme(doc: Document): Theme {
  let cached: string | null = null;
  try {
    cached = localStorage.getItem(CACHE_KEY);
  } catch {
    // See applyTheme.
  }
  const theme: Theme = cached === 'light' || cached === 'dark' ? cached : 'auto';
  doc.documentElement.dataset.theme = theme;
  return theme;
}

/** The theme applied to a page so far. */
export function currentTheme(doc: Document): Theme {
  const theme = doc.documentElement.dataset.theme;
  return theme === 'light' || theme === 'dark' ? theme : 'auto';
}

/** The shared card follows the system theme unless told otherwise: pass the user's choice on. */
export function themeCard<T extends HTMLElement>(card: T, theme: Theme): T {
  // "Match the page" means the system's scheme on our own pages: they are the page.
  if (theme !== 'light' && theme !== 'dark') delete card.dataset.theme;
  else card.dataset.theme = theme;
  return card;
}

/** Re-themes the cards already on a page (after a settings change). */
export function themeCards(root: ParentNode, theme: Theme): void {
  for (const card of root.querySelectorAll<HTMLElement>('.secid-card')) themeCard(card, theme);
}
