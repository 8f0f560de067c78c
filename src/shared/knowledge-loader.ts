import attackUrl from '../generated/kb/attack.tsv?url';
import capecUrl from '../generated/kb/capec.tsv?url';
import kevUrl from '../generated/kb/kev.tsv?url';
import { SHARDS, applyShard, parseShard, shardsFor, type ShardName } from '../core/knowledge.ts';
import type { Registry } from '../core/registry.ts';
import type { RegistrySearch, SearchDoc } from '../core/search.ts';
import { getRegistry, getSearch } from './registry-data.ts';

/**
 * Loads the knowledge shards (ATT&CK, CAPEC, KEV) into the registry when a query needs them: fetched from the
 * extension's own package (fetch, because a service worker may not import() modules), parsed once per context.
 * A shard that fails to load leaves the registry as it was and is not retried in a loop.
 */
const URLS: Record<ShardName, string> = { attack: attackUrl, capec: capecUrl, kev: kevUrl };
const loading = new Map<ShardName, Promise<SearchDoc[]>>();
const indexed = new WeakMap<RegistrySearch, Set<ShardName>>();

function load(name: ShardName): Promise<SearchDoc[]> {
  let promise = loading.get(name);
  if (!promise) {
    promise = fetch(URLS[name])
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((text) => applyShard(getRegistry(), parseShard(name, text)))
      .catch((error: unknown) => {
        console.warn(`SecID Lens: knowledge shard ${name} did not load (${error instanceof Error ? error.message : String(error)})`);
        return [];
      });
    loading.set(name, promise);
  }
  return promise;
}

/** The registry with every shard `query` may need loaded. */
export async function registryFor(query: string): Promise<Registry> {
  await Promise.all(shardsFor(query).map(load));
  return getRegistry();
}

/** The search index with every shard's items in it (words can name anything, so search needs all of them). */
export async function searchWithKnowledge(): Promise<RegistrySearch> {
  const docs = await Promise.all(SHARDS.map(load));
  const search = getSearch();
  const done = indexed.get(search) ?? new Set<ShardName>();
  SHARDS.forEach((name, i) => {
    if (done.has(name)) return;
    search.addDocuments(docs[i]!);
    done.add(name);
  });
  indexed.set(search, done);
  return search;
}

/** Every shard, for pages that resolve and search (the popup, the resolve page). */
export async function loadAllKnowledge(): Promise<void> {
  await searchWithKnowledge();
}
