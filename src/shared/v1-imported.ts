import browser from 'webextension-polyfill';
import type { V1Shard } from '../core/v1/types.ts';

/**
 * A newer copy of the official SecID 1.0 registry imported on the options page, kept in storage.local (one key per
 * type, so a query still reads only its type) and used over the bundled shards until the user goes back.
 */
export interface V1ImportedMeta {
  /** What the user gave: the archive or folder name. */
  label: string;
  /** When it was imported (ISO). */
  importedAt: string;
  /** The upstream commit, when the archive name or a file says it. */
  commit?: string;
  namespaces: number;
  types: string[];
}

export const META_KEY = 'secid-v1:meta';
const shardKey = (type: string) => `secid-v1:${type}`;

export async function importedMeta(): Promise<V1ImportedMeta | undefined> {
  const got = await browser.storage.local.get(META_KEY);
  return got[META_KEY] as V1ImportedMeta | undefined;
}

export async function importedShard(type: string): Promise<V1Shard | undefined> {
  const got = await browser.storage.local.get(shardKey(type));
  return got[shardKey(type)] as V1Shard | undefined;
}

/** Store a compiled registry; the meta key is written last, so a half-written import is never used. */
export async function saveImported(meta: V1ImportedMeta, shards: V1Shard[]): Promise<void> {
  await clearImported();
  const items: Record<string, unknown> = {};
  for (const shard of shards) items[shardKey(shard.type)] = shard;
  await browser.storage.local.set(items);
  await browser.storage.local.set({ [META_KEY]: meta });
}

export async function clearImported(): Promise<void> {
  const all = await browser.storage.local.get(null);
  const keys = Object.keys(all).filter((k) => k.startsWith('secid-v1:'));
  // The meta key goes first: readers stop using the import before its shards disappear.
  await browser.storage.local.remove(META_KEY);
  if (keys.length) await browser.storage.local.remove(keys);
}

/** Calls `changed` in this context whenever an import is saved or removed (each context drops its loaded shards). */
export function onImportedChanged(changed: () => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && META_KEY in changes) changed();
  });
}
