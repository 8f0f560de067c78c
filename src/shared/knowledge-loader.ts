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
const indexing = new WeakMap<RegistrySearch, Promise<RegistrySearch>>();
/** Documents added per task: a few thousand at once would hold the popup's main thread for a noticeable time. */
const CHUNK = 400;

function load(name: ShardName): Promise<SearchDoc[]> {
  let promise = loading.get(name);
  if (!promise) {
    promise = fetch(URLS[name])
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((text) => applyShard(getRegistry(), parseShard(name, text)))
      .catch((error: unknown) => {
        console.warn(
          `SecID Lens: knowledge shard ${name} did not load (${error instanceof Error ? error.message : String(error)})`,
        );
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
export function searchWithKnowledge(): Promise<RegistrySearch> {
  const search = getSearch();
  let ready = indexing.get(search);
  if (!ready) {
    ready = (async () => {
      const docs = (await Promise.all(SHARDS.map(load))).flat();
      for (let i = 0; i < docs.length; i += CHUNK) {
        search.addDocuments(docs.slice(i, i + CHUNK));
        if (i + CHUNK < docs.length) await new Promise((ok) => setTimeout(ok, 0));
      }
      return search;
    })();
    indexing.set(search, ready);
  }
  return ready;
}

/** Every shard, for pages that resolve and search (the popup, the SecID page). */
export async function loadAllKnowledge(): Promise<void> {
  await searchWithKnowledge();
}
