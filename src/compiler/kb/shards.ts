import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARDS, SHARD_SOURCE, parseShard, type ShardName } from '../../core/knowledge.ts';
import { Registry } from '../../core/registry.ts';
import type { CompiledRegistry } from '../../core/registry-types.ts';

export type ShardTexts = Partial<Record<ShardName, string>>;

/** The committed knowledge data, registry/data/<shard>.tsv, as text (a missing file is a missing shard). */
export function readShards(registryDir: string): ShardTexts {
  const out: ShardTexts = {};
  for (const name of SHARDS) {
    const file = join(registryDir, 'data', `${name}.tsv`);
    if (existsSync(file)) out[name] = readFileSync(file, 'utf8');
  }
  return out;
}

/**
 * Checks each shard against the compiled registry without changing it: the file parses, every ID is an ID of its
 * source, and what it links to exists (CAPEC -> CWE). Returns problems as `field: reason` pairs.
 */
export function checkShards(
  compiled: CompiledRegistry,
  texts: ShardTexts,
): { field: string; reason: string; file: string }[] {
  const problems: { field: string; reason: string; file: string }[] = [];
  const registry = new Registry(structuredClone(compiled));
  for (const name of SHARDS) {
    const text = texts[name];
    const file = `registry/data/${name}.tsv`;
    if (text === undefined) continue;
    let shard;
    try {
      shard = parseShard(name, text);
    } catch (error) {
      problems.push({ file, field: '(file)', reason: (error as Error).message });
      continue;
    }
    const source = registry.source(SHARD_SOURCE[name]);
    if (!source) {
      problems.push({ file, field: '(file)', reason: `no registry source ${SHARD_SOURCE[name]}` });
      continue;
    }
    const bad = shard.items.filter((i) => !registry.matchPattern(source, i.id));
    if (bad.length)
      problems.push({
        file,
        field: 'id',
        reason: `${bad.length} ID(s) match no id pattern of ${source.key}, first ${bad[0]!.id}`,
      });
    const cwe = registry.source('weakness/mitre/cwe');
    const missing = shard.inverse.filter((x) => !cwe || registry.findItems(cwe, x.id).length === 0).map((x) => x.id);
    if (missing.length)
      problems.push({
        file,
        field: 'cwes',
        reason: `${missing.length} CWE link(s) to entries not in the CWE list, first ${missing[0]}`,
      });
    if (shard.items.length === 0) problems.push({ file, field: '(file)', reason: 'no rows' });
  }
  return problems;
}
