import type { ResolveResponse } from '../resolve-types.ts';
import { isSecIdType } from '../secid-types.ts';
import { resolveV1 } from './match.ts';
import type { V1Store } from './store.ts';

/** The SecID type a query names (`secid:control/...`, `control/...`), if any: the shard it needs. */
export function queryType(query: string): string | undefined {
  const m = /^(?:secid:(?:\/\/)?([a-z]+)\/?$|(?:secid:(?:\/\/)?)?([a-z]+)\/)/i.exec(query.trim());
  const type = (m?.[1] ?? m?.[2])?.toLowerCase();
  return type !== undefined && isSecIdType(type) ? type : undefined;
}

/** `secid:methodology`: the type's listing names the imported namespaces too. */
function withV1Namespaces(store: V1Store, type: string, ours: ResolveResponse): ResolveResponse {
  const names = store.namespaces(type).map((n) => n.ns);
  if (names.length === 0) return ours;
  return {
    ...ours,
    results: ours.results.map((r) => {
      if (r.secid !== `secid:${type}`) return r;
      const ourNames = (r.description ?? '').replace(/^\d+ namespaces: ?/, '').split(', ').filter(Boolean);
      const all = [...new Set([...ourNames, ...names])].sort();
      return { ...r, description: `${all.length} namespaces: ${all.join(', ')}` };
    }),
  };
}

/**
 * Our hand-written registry answers first and wins whenever it resolves the query (its titles, editions and
 * corrections are better than the import's); the imported SecID 1.0 registry answers the full SecIDs ours does
 * not know. Bare IDs stay with ours: the import's patterns are matched only against an isolated name or item.
 */
export function withV1(store: V1Store | undefined, query: string, ours: ResolveResponse): ResolveResponse {
  const type = queryType(query);
  if (!store || ours.status === 'corrected' || type === undefined) return ours;
  if (/^secid:(?:\/\/)?[a-z]+\/?$/i.test(query.trim())) return ours.status === 'found' ? withV1Namespaces(store, type, ours) : ours;
  // Ours found it but has no link for it (e.g. kernel.org CVEs): the import's URLs follow ours.
  const linkless = ours.status === 'found' && ours.results.length > 0 && ours.results.every((r) => r.url === undefined);
  if (ours.status === 'found' && !linkless) return ours;
  const v1 = resolveV1(store, query);
  if (!v1) return ours;
  if (linkless) return v1.status === 'found' ? { ...ours, results: [...ours.results, ...v1.results.filter((r) => r.url !== undefined)] } : ours;
  if (v1.status === 'found') return { ...v1, query: ours.query, secid_query: ours.secid_query };
  return ours.status === 'related' ? ours : { ...v1, query: ours.query, secid_query: ours.secid_query };
}
