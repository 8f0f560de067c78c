import { autoUpdate, computePosition, flip, hide, offset, shift, size, type VirtualElement } from '@floating-ui/dom';

const GAP = 6;
const PAD = 8;
/**
 * floating-ui reads the computed style of every ancestor of the reference's context element, on every update: on
 * an ID nested thousands of levels deep that is seconds of main-thread time per card. Past this depth the card is
 * placed against the viewport alone (it no longer follows scrolling inside the ID's scroll containers).
 */
const MAX_CONTEXT_DEPTH = 256;

function withinDepth(reference: VirtualElement): VirtualElement {
  let depth = 0;
  for (let n = reference.contextElement ?? null; n; n = n.parentElement) {
    if (++depth > MAX_CONTEXT_DEPTH) {
      const { contextElement: _deep, ...rest } = reference;
      return rest;
    }
  }
  return reference;
}

/** A card taller than the room it has says so: `data-more` shows a "more below" edge until it is scrolled to the end. */
function markOverflow(floating: HTMLElement): void {
  floating.toggleAttribute('data-more', floating.scrollHeight - floating.scrollTop - floating.clientHeight > 4);
}

/**
 * Keeps `floating` next to `anchor` (below, or above when there is no room), inside the viewport, and scrollable
 * when taller than the room left, which is what keeps it usable at 200% zoom. Calls `onHidden` once the anchor
 * is scrolled out of view. Returns the cleanup.
 */
export function follow(
  anchor: VirtualElement,
  floating: HTMLElement,
  onHidden: () => void,
  onError: (e: unknown) => void,
): () => void {
  const reference = withinDepth(anchor);
  let stopped = false;
  const update = () => {
    computePosition(reference, floating, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(GAP),
        flip({ padding: PAD }),
        shift({ padding: PAD }),
        size({
          padding: PAD,
          apply({ availableWidth, availableHeight, elements }) {
            elements.floating.style.maxWidth = `${Math.max(200, Math.min(420, availableWidth))}px`;
            elements.floating.style.maxHeight = `${Math.max(120, availableHeight)}px`;
          },
        }),
        hide({ strategy: 'referenceHidden' }),
      ],
    }).then(({ x, y, middlewareData }) => {
      if (stopped) return;
      if (middlewareData.hide?.referenceHidden) return onHidden();
      floating.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      markOverflow(floating);
    }, onError);
  };
  const cleanup = autoUpdate(reference, floating, update);
  const onScroll = () => markOverflow(floating);
  floating.addEventListener('scroll', onScroll, { passive: true });
  return () => {
    stopped = true;
    floating.removeEventListener('scroll', onScroll);
    floating.removeAttribute('data-more');
    cleanup();
  };
}
