import { autoUpdate, computePosition, flip, hide, offset, shift, size, type VirtualElement } from '@floating-ui/dom';

const GAP = 6;
const PAD = 8;

/**
 * Keeps `floating` next to `reference` (below, or above when there is no room), inside the viewport, and scrollable
 * when taller than the room left, which is what keeps it usable at 200% zoom. Calls `onHidden` once the reference
 * is scrolled out of view. Returns the cleanup.
 */
export function follow(reference: VirtualElement, floating: HTMLElement, onHidden: () => void, onError: (e: unknown) => void): () => void {
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
    }, onError);
  };
  const cleanup = autoUpdate(reference, floating, update);
  return () => {
    stopped = true;
    cleanup();
  };
}
