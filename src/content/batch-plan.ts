/**
 * Decisions of the mutation queue, kept pure so they are unit-tested in Node: how long to wait before working on
 * queued mutations, when a batch is so large that one full rescan is cheaper, and which changed roots are covered
 * by others.
 */

/** Wait this long after the first queued mutation: short normally, longer in a storm (a page animating its DOM). */
export function debounceMs(recentMutations: number): number {
  return recentMutations > 50 ? 400 : 50;
}

/** Above this many changed roots (or records), incremental work costs more than one full rescan (Dark Reader's rule). */
export const FULL_RESCAN_ROOTS = 1000;

export function needsFullRescan(records: number, roots: number): boolean {
  return records > FULL_RESCAN_ROOTS * 4 || roots > FULL_RESCAN_ROOTS;
}

/**
 * The roots that are not inside another root: a node whose ancestor is also queued is scanned with that ancestor.
 * Linear in roots x depth: each root walks up once through `parent`.
 */
export function outermost<N>(roots: Iterable<N>, parent: (node: N) => N | null | undefined): N[] {
  const set = new Set(roots);
  const out: N[] = [];
  for (const node of set) {
    let covered = false;
    for (let p = parent(node); p; p = parent(p)) {
      if (set.has(p)) {
        covered = true;
        break;
      }
    }
    if (!covered) out.push(node);
  }
  return out;
}

/** A sliding count of events in the last `windowMs`, for the storm guard. */
export class RateCounter {
  private times: number[] = [];
  constructor(private readonly windowMs = 500) {}

  add(now: number, n = 1): number {
    for (let i = 0; i < Math.min(n, 200); i++) this.times.push(now);
    return this.count(now);
  }

  count(now: number): number {
    const since = now - this.windowMs;
    let drop = 0;
    while (drop < this.times.length && this.times[drop]! < since) drop++;
    if (drop) this.times.splice(0, drop);
    return this.times.length;
  }
}
