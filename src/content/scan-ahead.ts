import { blockOf, isInline } from './dom-walk.ts';

/** Most text a block scanned ahead of the page scan may hold: a table row, a paragraph, a short list. */
const AHEAD_CHARS = 16_000;
/** Most text nodes in it (each is a wrapper made in our world: the check itself must stay cheap). */
const AHEAD_NODES = 256;

/**
 * The block holding the text under the pointer (the nearest ancestor-or-self of `target` that is not inline), when
 * it is small enough to scan at once, between two frames (see Scanner.scanNow); undefined for a big one (the body,
 * a long <pre>), which the page scan reaches in slices, and for one that holds a registered hit (`registered`): it
 * was scanned, and scanning it again would only replace its hits (a card open on one of them included). Counting
 * stops at the first bound passed, so a big block costs a few hundred node reads at most.
 */
export function smallBlockAt(target: Element, registered: (text: Text) => boolean): Element | undefined {
  const block = isInline(target) ? blockOf(target) : target;
  if (!block || block.nodeType !== 1) return undefined;
  const walker = (block.ownerDocument ?? document).createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let chars = 0;
  let nodes = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    chars += (n as Text).length;
    if (++nodes > AHEAD_NODES || chars > AHEAD_CHARS || registered(n as Text)) return undefined;
  }
  return nodes > 0 ? (block as Element) : undefined;
}
