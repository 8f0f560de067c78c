import browser from 'webextension-polyfill';
import registryText from '../generated/registry.json?raw';
import searchIndexText from '../generated/search-index.json?raw';
import { Registry } from '../core/registry.ts';
import type { CompiledRegistry } from '../core/registry-types.ts';
import { RegistrySearch } from '../core/search.ts';
import { queryType } from '../core/v1/merge.ts';
import { V1Search, v1SearchEntries, type V1SearchEntry } from '../core/v1/search.ts';
import { V1Store } from '../core/v1/store.ts';
import type { V1Shard } from '../core/v1/types.ts';
import { importedMeta, importedShard, onImportedChanged } from './v1-imported.ts';

// Parsed on first use: JSON.parse of a string is faster than evaluating a large object literal.
let registry: Registry | undefined;
let search: RegistrySearch | undefined;

export function getRegistry(): Registry {
  if (!registry) {
    registry = new Registry(JSON.parse(registryText) as CompiledRegistry);
    registry.v1 = new V1Store();
  }
  return registry;
}

export function getSearch(): RegistrySearch {
  search ??= new RegistrySearch(JSON.parse(searchIndexText), { aliases: getRegistry().data.aliases ?? [] });
  return search;
}

// The imported SecID 1.0 registry is not bundled into any script: one file per type (dist/*/secid-1.0/<type>.json),
// read when a query first names that type, so popup start and service worker wake pay nothing for it. A newer copy
// imported on the options page (storage.local) is used over the bundled one.
const loading = new Map<string, Promise<void>>();

onImportedChanged(() => {
  // Another registry is active: forget what this context loaded; the next query reads the new one.
  loading.clear();
  if (registry) registry.v1 = new V1Store();
  v1Search = undefined;
  v1SearchLoading = undefined;
});

// Search over the imported namespaces' names (src/core/v1/search.ts): one small file, read on the first search.
let v1Search: V1Search | undefined;
let v1SearchLoading: Promise<void> | undefined;

/** The imported namespaces' search, once loaded (see v1SearchPending). */
export function getV1Search(): V1Search | undefined {
  return v1Search;
}

/** A promise while the imported namespaces' search loads (it starts loading), else undefined. */
export function v1SearchPending(): Promise<void> | undefined {
  if (v1Search) return undefined;
  v1SearchLoading ??= loadV1Search();
  return v1SearchLoading;
}

async function loadV1Search(): Promise<void> {
  let entries: V1SearchEntry[] = [];
  try {
    const meta = await importedMeta();
    if (meta) {
      // A newer copy imported on the options page: its names, from its stored shards.
      const shards = await Promise.all(meta.types.map((type) => importedShard(type)));
      entries = v1SearchEntries(shards.flatMap((shard) => shard?.namespaces ?? []));
    } else {
      const response = await fetch(browser.runtime.getURL('secid-1.0/search.json'));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      entries = (await response.json()) as V1SearchEntry[];
    }
  } catch (error) {
    // Search goes on over our own registry.
    console.warn('SecID Lens: could not load the SecID 1.0 search:', error);
  }
  v1Search = new V1Search(entries);
}

async function loadShard(type: string): Promise<void> {
  const store = getRegistry().v1!;
  try {
    const meta = await importedMeta();
    let shard: V1Shard | undefined;
    if (meta) shard = meta.types.includes(type) ? await importedShard(type) : { type, namespaces: [] };
    if (!shard) {
      const response = await fetch(browser.runtime.getURL(`secid-1.0/${type}.json`));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      shard = (await response.json()) as V1Shard;
    }
    if (getRegistry().v1 === store) store.add(shard);
  } catch (error) {
    // Resolution goes on with our own registry (an empty shard: no retry loop on every keystroke).
    console.warn(`SecID Lens: could not load the SecID 1.0 ${type} registry:`, error);
    store.add({ type, namespaces: [] });
  }
}

/** A promise when `query` names a type whose SecID 1.0 shard is not loaded yet (it starts loading), else undefined. */
export function v1Pending(query: string): Promise<void> | undefined {
  const type = queryType(query);
  if (type === undefined || getRegistry().v1!.has(type)) return undefined;
  let promise = loading.get(type);
  if (!promise) loading.set(type, (promise = loadShard(type)));
  return promise;
}

/** Resolve only after the shard `query` needs is in (service worker, SecID page). */
export async function ensureV1For(query: string): Promise<void> {
  await v1Pending(query);
}
