import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileRegistry } from '../compiler/compile.ts';
import { existsSync } from 'node:fs';
import { importSecId } from '../compiler/import-secid.ts';
import { v1StoreFromDir, type V1ImportInfo } from '../compiler/v1-data.ts';
import { SHARDS, applyShard, parseShard } from '../core/knowledge.ts';
import { V1Store } from '../core/v1/store.ts';
import { Detector } from '../core/detect.ts';
import { Registry } from '../core/registry.ts';
import type { CompiledRegistry } from '../core/registry-types.ts';
import { RegistrySearch, buildSearchIndex, type SearchDoc } from '../core/search.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REGISTRY_DIR = join(ROOT, 'registry');

export interface Loaded {
  compiled: CompiledRegistry;
  registry: Registry;
  /** Search documents of the knowledge shards (ATT&CK, CAPEC, KEV), already added to `registry`. */
  knowledge: SearchDoc[];
}

/** A SecID 1.0 registry folder given with --registry, converted in memory by the same code as the importer. */
export function loadV1Folder(folder: string, compiled: CompiledRegistry): { store: V1Store; info: V1ImportInfo } {
  const root = existsSync(join(folder, 'registry')) ? join(folder, 'registry') : folder;
  if (!existsSync(root)) throw new CliError(`--registry: no such folder: ${folder}`);
  const { info, shards } = importSecId({ folder: root, ours: compiled });
  if (info.files === 0)
    throw new CliError(`--registry: no SecID registry files (registry/<type>/**/*.json) in ${folder}`);
  const store = new V1Store(undefined, { label: folder });
  for (const [type, namespaces] of shards) store.add({ type, namespaces });
  return { store, info };
}

/** The registry as the extension would see it, compiled from registry/ now (so the CLI never uses a stale build). */
export function loadRegistry(options: { v1Folder?: string; search?: boolean } = {}): Loaded {
  const { registry: compiled, problems, shards } = compileRegistry(REGISTRY_DIR, { skipRedos: true });
  if (problems.length) {
    // Still usable: answer from what compiled, and say so once.
    const first = problems[0]!;
    process.stderr.write(
      `secid: warning: the registry has ${problems.length} problem(s), first: ${first.file}: ${first.field}: ` +
        `${first.reason}. Run "npm run secid -- validate".\n`,
    );
  }
  // The index is built before the shards join the registry, so their items are indexed once, as the extension does;
  // only for search: resolve and scan do without it (tens of MB the streaming scan's memory bound does not have).
  const index = options.search ? buildSearchIndex(compiled) : undefined;
  const registry = new Registry(compiled);
  if (options.v1Folder !== undefined) {
    const { store, info } = loadV1Folder(options.v1Folder, compiled);
    for (const s of info.skipped) process.stderr.write(`secid: warning: --registry: ${s.file}: ${s.reason}\n`);
    registry.v1 = store;
  } else registry.v1 = v1StoreFromDir(REGISTRY_DIR);
  const knowledge: SearchDoc[] = [];
  for (const name of SHARDS) {
    const text = shards[name];
    if (text === undefined) continue;
    try {
      knowledge.push(...applyShard(registry, parseShard(name, text)));
    } catch (error) {
      process.stderr.write(`secid: warning: registry/data/${name}.tsv: ${(error as Error).message}\n`);
    }
  }
  if (index) indexes.set(compiled, index);
  return { compiled, registry, knowledge };
}

const indexes = new WeakMap<CompiledRegistry, ReturnType<typeof buildSearchIndex>>();

/** A fresh index over the registry just compiled (the prebuilt one in src/generated may be stale), with the shards. */
export function loadSearch(compiled: CompiledRegistry, knowledge: readonly SearchDoc[] = []): RegistrySearch {
  if (!indexes.has(compiled) && knowledge.length)
    throw new Error('loadSearch: load the registry with { search: true } (the shards have joined it)');
  const search = new RegistrySearch(indexes.get(compiled) ?? buildSearchIndex(compiled), {
    aliases: compiled.aliases ?? [],
  });
  search.addDocuments(knowledge);
  return search;
}

export function loadDetector(compiled: CompiledRegistry): Detector {
  return new Detector(compiled.detector);
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
