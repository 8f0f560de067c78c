import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { V1Exception } from '../core/v1/check.ts';
import { v1SearchEntries } from '../core/v1/search.ts';
import { V1Store } from '../core/v1/store.ts';
import type { V1Namespace, V1Shard } from '../core/v1/types.ts';
import { SECID_TYPES } from '../core/secid-types.ts';

/** What registry/secid-1.0/import.json records about the import (written by `npm run registry:import`). */
export interface V1ImportInfo {
  upstream: string;
  commit?: string;
  date?: string;
  schema_version: string;
  files: number;
  namespaces: Record<string, number>;
  refused_patterns: { namespace: string; pattern: string }[];
  skipped: { file: string; reason: string }[];
  exceptions: V1Exception[];
}

export const V1_DIR = 'secid-1.0';

export function readV1Info(registryDir: string): V1ImportInfo | undefined {
  const file = join(registryDir, V1_DIR, 'import.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as V1ImportInfo) : undefined;
}

export function readV1Shard(registryDir: string, type: string): V1Shard | undefined {
  const file = join(registryDir, V1_DIR, `${type}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as V1Shard) : undefined;
}

/** A store that reads each type's shard from the committed files on first use (CLI, tests, build). */
export function v1StoreFromDir(registryDir: string): V1Store {
  const info = readV1Info(registryDir);
  return new V1Store((type) => readV1Shard(registryDir, type), {
    ...(info?.commit ? { commit: info.commit } : {}),
    ...(info?.date ? { date: info.date } : {}),
    label: 'bundled',
  });
}

export function allV1Namespaces(registryDir: string): V1Namespace[] {
  return SECID_TYPES.flatMap((t) => readV1Shard(registryDir, t)?.namespaces ?? []);
}

/**
 * The shards the extension reads lazily (src/shared/registry-data.ts): one minified file per type plus index.json
 * (commit, date and the namespaces of each type, so a page can list them without loading a shard) and search.json
 * (the entries of src/core/v1/search.ts).
 */
export function writeV1Shards(registryDir: string, generatedDir: string): Record<string, number> {
  const out = join(generatedDir, V1_DIR);
  mkdirSync(out, { recursive: true });
  const sizes: Record<string, number> = {};
  const index: { commit?: string; date?: string; types: Record<string, string[]> } = { types: {} };
  const info = readV1Info(registryDir);
  if (info?.commit) index.commit = info.commit;
  if (info?.date) index.date = info.date;
  for (const type of SECID_TYPES) {
    const shard = readV1Shard(registryDir, type);
    if (!shard) continue;
    index.types[type] = shard.namespaces.map((n) => n.ns);
    const text = JSON.stringify(shard);
    writeFileSync(join(out, `${type}.json`), text);
    sizes[`${type}.json`] = Buffer.byteLength(text);
  }
  // What popup, omnibox and SecID page search over (names, alternate names, domains), without loading any shard.
  const searchText = JSON.stringify(v1SearchEntries(allV1Namespaces(registryDir)));
  writeFileSync(join(out, 'search.json'), searchText);
  sizes['search.json'] = Buffer.byteLength(searchText);
  const indexText = JSON.stringify(index);
  writeFileSync(join(out, 'index.json'), indexText);
  sizes['index.json'] = Buffer.byteLength(indexText);
  return sizes;
}
