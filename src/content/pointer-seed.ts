/** Where the user's pointer last moved to: the element under it and the point. */
export interface PointerAt {
  x: number;
  y: number;
  target: Element;
}

export interface PointerTracker {
  last(): PointerAt | undefined;
  stop(): void;
}

/**
 * The first stage's note of where the user's pointer last moved, kept until the lens starts: a pointer that came to
 * rest on an ID before the lens arrived (a huge page takes a while) sends no further event, so the lens looks there
 * once at start (see HoverTracker.seed). Only the user's own moves count, as for hover itself; the element is the
 * event's target (a shadow host for text in a shadow root: the lens sees inside at the next move).
 */
export function trackPointer(doc: Document): PointerTracker {
  let last: PointerAt | undefined;
  const abort = new AbortController();
  doc.addEventListener(
    'pointermove',
    (e: PointerEvent) => {
      if (e.isTrusted && e.pointerType !== 'touch' && e.target instanceof Element)
        last = { x: e.clientX, y: e.clientY, target: e.target };
    },
    { capture: true, passive: true, signal: abort.signal },
  );
  // Gone from the page (to the toolbar, another window): nothing to look at.
  doc.addEventListener(
    'pointerout',
    (e: PointerEvent) => {
      if (!e.relatedTarget) last = undefined;
    },
    { capture: true, passive: true, signal: abort.signal },
  );
  return {
    last: () => last,
    stop: () => {
      abort.abort();
      last = undefined;
    },
  };
}
