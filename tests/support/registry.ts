import { compileRegistry } from '../../src/compiler/compile.ts';
import { readShards } from '../../src/compiler/kb/shards.ts';
import { v1StoreFromDir } from '../../src/compiler/v1-data.ts';
import { SHARDS, applyShard, parseShard } from '../../src/core/knowledge.ts';
import { RegistrySearch, buildSearchIndex } from '../../src/core/search.ts';
import { Detector, type DetectorOptions } from '../../src/core/detect.ts';
import { Registry } from '../../src/core/registry.ts';
import type { CompiledRegistry } from '../../src/core/registry-types.ts';

let compiled: CompiledRegistry | undefined;

/** The real registry, compiled once per test file (ReDoS proofs are the compiler test's job). */
export function realCompiled(): CompiledRegistry {
  compiled ??= compileRegistry('registry', { skipRedos: true }).registry;
  return compiled;
}

/** Ours plus the imported SecID 1.0 registry (registry/secid-1.0), as the CLI and the extension resolve. */
export function realRegistry(): Registry {
  const registry = new Registry(realCompiled());
  registry.v1 = v1StoreFromDir('registry');
  return registry;
}

export function realDetector(options?: DetectorOptions): Detector {
  return new Detector(realCompiled().detector, options);
}

/**
 * The real registry with the committed knowledge shards (registry/data/*.tsv) applied, and a search index that has
 * their items and the search aliases, as the extension has them once the shards are loaded. A fresh copy per call.
 */
export function knowledgeRegistry(): { registry: Registry; search: RegistrySearch } {
  const data = structuredClone(realCompiled());
  const search = new RegistrySearch(JSON.parse(JSON.stringify(buildSearchIndex(data))), {
    aliases: data.aliases ?? [],
  });
  const registry = new Registry(data);
  const shards = readShards('registry');
  for (const name of SHARDS)
    if (shards[name] !== undefined) search.addDocuments(applyShard(registry, parseShard(name, shards[name]!)));
  return { registry, search };
}
