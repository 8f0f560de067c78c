import type { ResolveResponse, ResolveResult } from '../resolve-types.ts';
import { isSecIdType } from '../secid-types.ts';
import { namesOnlyNamespace, resolveV1 } from './match.ts';
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
      const ourNames = (r.description ?? '')
        .replace(/^\d+ namespaces: ?/, '')
        .split(', ')
        .filter(Boolean);
      const all = [...new Set([...ourNames, ...names])].sort();
      return { ...r, description: `${all.length} namespaces: ${all.join(', ')}` };
    }),
  };
}

/** URLs that lead to the same page (`/jira` and `/jira/`) compare equal: a trailing slash makes no second link. */
export function sameUrlKey(url: string): string {
  try {
    const u = new URL(url);
    if (u.pathname.length > 1 && u.pathname.endsWith('/')) u.pathname = u.pathname.slice(0, -1);
    return u.href;
  } catch {
    return url;
  }
}

/** What the merge needs to know about our own sources. */
export interface V1MergeOptions {
  /** Why the official registry's URLs for one of our sources (`secid:advisory/avid/avid`) are wrong, if they are. */
  officialUrlWrong?: (sourceSecid: string) => string | undefined;
}

/**
 * Our hand-written registry answers first and wins whenever it resolves the query (its titles, editions and
 * corrections are better than the import's); the imported SecID 1.0 registry answers the full SecIDs ours does
 * not know. Bare IDs stay with ours: the import's patterns are matched only against an isolated name or item.
 * Where both answer and the official registry links elsewhere, its links follow ours (see officialLinks).
 */
export function withV1(
  store: V1Store | undefined,
  query: string,
  ours: ResolveResponse,
  options: V1MergeOptions = {},
): ResolveResponse {
  const type = queryType(query);
  if (!store || ours.status === 'corrected' || type === undefined) return ours;
  if (/^secid:(?:\/\/)?[a-z]+\/?$/i.test(query.trim()))
    return ours.status === 'found' ? withV1Namespaces(store, type, ours) : ours;
  const v1 = resolveV1(store, query);
  if (ours.status === 'found') {
    // Ours answered (with or without a link, e.g. kernel.org CVEs): the import's other URLs follow ours. A query in
    // our spelling (`debian`) names no imported namespace: ask the import in the 1.0 spelling ours gives.
    const top = ours.results[0];
    const asked = v1 ? query : top && top.secid_v1 !== top.secid ? top.secid_v1 : undefined;
    const official = v1 ?? (asked !== undefined ? resolveV1(store, asked) : undefined);
    if (official?.status !== 'found') return ours;
    // A namespace's listing is no one thing to add links to (unless ours has no link at all).
    const linkless = ours.results.every((r) => r.url === undefined);
    if (!linkless && asked !== undefined && namesOnlyNamespace(store, asked)) return ours;
    return officialLinks(ours, official, options);
  }
  if (!v1) return ours;
  if (v1.status === 'found') return { ...v1, query: ours.query, secid_query: ours.secid_query };
  return ours.status === 'related' ? ours : { ...v1, query: ours.query, secid_query: ours.secid_query };
}

/**
 * Ours answered, and so did the official registry: every URL it gives that ours does not is added after ours, with a
 * weight below ours and marked `origin: 'secid-1.0'`, so the registry's own answer is always among the results.
 * Not for sources whose file says the official URLs are wrong (`official_url_wrong`): a known-bad link is no help.
 */
export function officialLinks(
  ours: ResolveResponse,
  v1: ResolveResponse,
  options: V1MergeOptions = {},
): ResolveResponse {
  const wrong = options.officialUrlWrong;
  if (wrong && ours.results.some((r) => r.source_secid !== undefined && wrong(r.source_secid) !== undefined))
    return ours;
  const seen = new Set(ours.results.flatMap((r) => (r.url === undefined ? [] : [sameUrlKey(r.url)])));
  const floor = Math.min(...ours.results.map((r) => r.weight));
  const extra: ResolveResult[] = [];
  for (const r of v1.results) {
    if (r.url === undefined || seen.has(sameUrlKey(r.url))) continue;
    seen.add(sameUrlKey(r.url));
    extra.push({ ...r, weight: Math.max(0, Math.min(r.weight, floor - 1)), origin: 'secid-1.0' });
  }
  return extra.length ? { ...ours, results: [...ours.results, ...extra] } : ours;
}
