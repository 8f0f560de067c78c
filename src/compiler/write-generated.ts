import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledRegistry } from '../core/registry-types.ts';
import { SHARDS } from '../core/knowledge.ts';
import { buildSearchIndex } from '../core/search.ts';
import type { ShardTexts } from './kb/shards.ts';

/** Write the compiled registry, the detector spec (and its rules alone, all the content script needs) and the prebuilt search index. */
export function writeGenerated(
  registry: CompiledRegistry,
  outDir: string,
  shards: ShardTexts = {},
): Record<string, number> {
  mkdirSync(join(outDir, 'kb'), { recursive: true });
  const files: Record<string, string> = {
    'registry.json': JSON.stringify(registry),
    'detector.json': JSON.stringify(registry.detector),
    // The content script's copy: it runs on every page, and the labels are for the options page only.
    'detector-rules.json': JSON.stringify({
      families: registry.detector.families.map(({ label: _, ...rule }) => rule),
    }),
    // The first stage's: on every page, it only looks for candidates (the lens stage carries detector-rules.json).
    'candidate-rules.json': JSON.stringify({
      families: registry.detector.families.map(({ id, pattern, default: mode }) => ({ id, pattern, default: mode })),
    }),
    'search-index.json': JSON.stringify(buildSearchIndex(registry)),
  };
  // Knowledge shards: their own files, fetched by the extension when a query needs them (never in registry.json).
  for (const name of SHARDS) files[`kb/${name}.tsv`] = shards[name] ?? '';
  const sizes: Record<string, number> = {};
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(outDir, name), text);
    sizes[name] = Buffer.byteLength(text);
  }
  return sizes;
}
