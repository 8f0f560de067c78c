import type { ResolveResponse } from '../core/resolve-types.ts';

export type ResolveFn = (query: string, contextEdition?: string) => Promise<ResolveResponse | undefined>;

/**
 * Resolution through the service worker (the registry lives there, not in every tab), remembered per query and
 * edition hint. A failed answer is not remembered, so the next hover asks again.
 */
export function cachedResolver(send: (message: unknown) => Promise<unknown>, limit = 200): ResolveFn {
  const cache = new Map<string, Promise<ResolveResponse | undefined>>();
  return (query, contextEdition) => {
    const key = `${query}\u0000${contextEdition ?? ''}`;
    const known = cache.get(key);
    if (known) return known;
    const message = contextEdition ? { type: 'resolve', query, contextEdition } : { type: 'resolve', query };
    const answer = send(message).then(
      (r) => (isResponse(r) ? r : undefined),
      () => undefined,
    );
    cache.set(key, answer);
    void answer.then((r) => {
      if (!r) cache.delete(key);
    });
    if (cache.size > limit) cache.delete(cache.keys().next().value!);
    return answer;
  };
}

function isResponse(value: unknown): value is ResolveResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as ResolveResponse).results) &&
    typeof (value as ResolveResponse).status === 'string'
  );
}
