import browser from 'webextension-polyfill';
import registryText from '../generated/registry.json?raw';
import searchIndexText from '../generated/search-index.json?raw';
import { Registry } from '../core/registry.ts';
import type { CompiledRegistry } from '../core/registry-types.ts';
import { RegistrySearch } from '../core/search.ts';
import { queryType } from '../core/v1/merge.ts';
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
});

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

/** Resolve only after the shard `query` needs is in (service worker, resolve page). */
export async function ensureV1For(query: string): Promise<void> {
  await v1Pending(query);
}
