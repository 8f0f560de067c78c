import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledRegistry } from '../core/registry-types.ts';
import { buildSearchIndex } from '../core/search.ts';

/** Write the compiled registry, the detector spec (all the content script needs) and the prebuilt search index. */
export function writeGenerated(registry: CompiledRegistry, outDir: string): Record<string, number> {
  mkdirSync(outDir, { recursive: true });
  const files: Record<string, string> = {
    'registry.json': JSON.stringify(registry),
    'detector.json': JSON.stringify(registry.detector),
    'search-index.json': JSON.stringify(buildSearchIndex(registry)),
  };
  const sizes: Record<string, number> = {};
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(outDir, name), text);
    sizes[name] = Buffer.byteLength(text);
  }
  return sizes;
}
