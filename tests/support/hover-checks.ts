// What a check that something did NOT happen waits for first. A fixed pause before "no card" passes falsely on a
// slow machine (the card was merely late); these wait for the content script's own steps instead:
// - contentScriptReady (extension-pages.ts): the content script answered a request, which it does only once it
//   has read its settings and started (or decided to stay off);
// - pastHoverDwell: the hover tracker has looked at the pointer's new position and its dwell timer has fired;
// - recordCards / recordedCards: every card shown since, so a control ID hovered next (whose card does show) proves
//   the pipeline ran, and the record proves nothing else showed before it.
import type { Page } from '@playwright/test';
import { DEFAULT_SETTINGS } from '../../src/core/settings.ts';
import { inPage } from './in-page.ts';

/** Page world: waits two animation frames, then `delayMs` plus one more frame. */
async function framesThenDelay(delayMs: number): Promise<void> {
  const frame = () => new Promise<void>((ok) => requestAnimationFrame(() => ok()));
  await frame();
  await frame();
  await new Promise<void>((ok) => setTimeout(ok, delayMs));
  await frame();
}

/**
 * After the pointer moved: resolves once the hover tracker has looked up the new position (in the next animation
 * frame after the move) and the dwell timer it started there has fired: a timer set afterwards with the same delay
 * fires after it. A card that dwell asked for may still be on its way (an answer from the service worker): a check
 * that none opened hovers a control ID next and looks at recordedCards once the control's card is there.
 */
export async function pastHoverDwell(page: Page, delayMs = DEFAULT_SETTINGS.hoverDelayMs): Promise<void> {
  await inPage(page, framesThenDelay, delayMs);
}

/** Page world: keeps "role secid" of every card shown in our shadow root (a new host's too) in __secidCards. */
function recordCardsInPage(): void {
  const w = window as unknown as { __secidCards?: string[] };
  if (w.__secidCards) return;
  const seen: string[] = [];
  w.__secidCards = seen;
  const roots = new WeakSet<ShadowRoot>();
  // A card element is noted when it appears and whenever its role or ID changes.
  const last = new WeakMap<Element, string>();
  const note = (root: ShadowRoot) => {
    for (const card of Array.from(root.querySelectorAll('.secid-card'))) {
      const line = `${card.getAttribute('role')} ${card.getAttribute('data-secid')}`;
      if (last.get(card) === line) continue;
      last.set(card, line);
      seen.push(line);
    }
  };
  const watchHosts = () => {
    for (const el of Array.from(document.documentElement.children)) {
      const root = el.localName === 'secid-lens-root' ? el.shadowRoot : null;
      if (!root || roots.has(root)) continue;
      roots.add(root);
      note(root);
      new MutationObserver(() => note(root)).observe(root, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['data-secid', 'role'],
      });
    }
  };
  new MutationObserver(watchHosts).observe(document.documentElement, { childList: true });
  watchHosts();
}

/** Starts recording the cards the content script shows on this page (call it while no card is open). */
export async function recordCards(page: Page): Promise<void> {
  await inPage(page, recordCardsInPage, null);
}

/** The cards shown since recordCards, as "role secid" (e.g. "tooltip secid:weakness/mitre/cwe#CWE-79"). */
export async function recordedCards(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __secidCards?: string[] }).__secidCards ?? []);
}
