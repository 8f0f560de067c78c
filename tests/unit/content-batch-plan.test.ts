import { describe, expect, it } from 'vitest';
import { debounceMs, needsFullRescan, outermost, RateCounter } from '../../src/content/batch-plan.ts';

describe('mutation batching', () => {
  it('waits longer during a mutation storm', () => {
    expect(debounceMs(3)).toBe(50);
    expect(debounceMs(51)).toBe(400);
  });

  it('falls back to one full rescan for a huge batch', () => {
    expect(needsFullRescan(10, 5)).toBe(false);
    expect(needsFullRescan(10, 1001)).toBe(true);
    expect(needsFullRescan(4001, 2)).toBe(true);
  });

  it('keeps only roots that no other root contains', () => {
    // A tree by parent links: body > main > (list > item1, item2), aside
    const parent: Record<string, string | undefined> = {
      main: 'body',
      list: 'main',
      item1: 'list',
      item2: 'list',
      aside: 'body',
    };
    const up = (n: string) => parent[n];
    expect(outermost(['item1', 'list', 'item2', 'aside'], up).sort()).toEqual(['aside', 'list']);
    expect(outermost(['item1', 'item2'], up).sort()).toEqual(['item1', 'item2']);
    expect(outermost(['item1', 'body', 'item1'], up)).toEqual(['body']);
  });

  it('counts events in a sliding window', () => {
    const rate = new RateCounter(500);
    expect(rate.add(0, 10)).toBe(10);
    expect(rate.add(400, 5)).toBe(15);
    expect(rate.count(850)).toBe(5);
    expect(rate.count(2000)).toBe(0);
  });
});
