import type { ResolveResponse } from '../core/resolve-types.ts';
import type { askWorker } from './ext.ts';

/** What an ID or SecID means, as the service worker's resolver answers; undefined when it could not answer. */
export type Lookup = (query: string, contextEdition?: string) => Promise<ResolveResponse | undefined>;

/**
 * Lookups through the service worker (the registry lives there, not in every tab), remembered per query and edition
 * hint. A failed answer is not remembered, so the next hover asks again.
 */
export function cachedLookup(ask: typeof askWorker, limit = 200): Lookup {
  const cache = new Map<string, Promise<ResolveResponse | undefined>>();
  return (query, contextEdition) => {
    const key = `${query}\u0000${contextEdition ?? ''}`;
    const known = cache.get(key);
    if (known) return known;
    const answer = ask('resolve', contextEdition ? { query, contextEdition } : { query }).catch(() => undefined);
    cache.set(key, answer);
    void answer.then((r) => {
      if (!r) cache.delete(key);
    });
    if (cache.size > limit) cache.delete(cache.keys().next().value!);
    return answer;
  };
}
