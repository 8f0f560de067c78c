/**
 * The requests a tab's content script answers (from the service worker and the popup), and their only check. Written
 * without zod, as the script that runs on every page must not carry it (about 21 KB); this file is the one definition
 * of these messages: src/shared/messages.ts takes their types from here. What each one answers is in `TabApi` there.
 */
export type TabRequest =
  | { type: 'page-ids' }
  /** Scrolls the `index`th occurrence (default 0) of `text` into view. */
  | { type: 'scroll-to'; text: string; index?: number }
  /** The card for `text`, else for the selection or the ID under the caret. */
  | { type: 'show-card'; text?: string }
  /** The next/previous-ID commands: step through the page's IDs with the card following. */
  | { type: 'step'; direction: 1 | -1 };

/**
 * Where the first stage leaves its wake-up call on its isolated world's global object (pages cannot see it). A page
 * without candidates touches no extension API, so it has no message listener yet; askTab, refused by such a page,
 * calls this through scripting.executeScript and asks again (see src/shared/ask-tab.ts).
 */
export const TAB_WAKE = '__secidLensListen';

/** Longest text a tab request carries (an ID as written; SecIDs are capped at 1,024 characters). */
const MAX_TEXT = 1024;

/** The request if it has one of the shapes above, else undefined: unknown keys are dropped, nothing is coerced. */
export function parseTabRequest(message: unknown): TabRequest | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
  const m = message as Record<string, unknown>;
  const text = m.text;
  switch (m.type) {
    case 'page-ids':
      return { type: 'page-ids' };
    case 'scroll-to': {
      if (typeof text !== 'string' || text.length > MAX_TEXT) return undefined;
      const index = m.index;
      if (index === undefined) return { type: 'scroll-to', text };
      if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) return undefined;
      return { type: 'scroll-to', text, index };
    }
    case 'show-card':
      if (text === undefined) return { type: 'show-card' };
      return typeof text === 'string' && text.length <= MAX_TEXT ? { type: 'show-card', text } : undefined;
    case 'step':
      return m.direction === 1 || m.direction === -1 ? { type: 'step', direction: m.direction } : undefined;
    default:
      return undefined;
  }
}
