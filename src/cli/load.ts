import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileRegistry } from '../compiler/compile.ts';
import { v1StoreFromDir } from '../compiler/v1-data.ts';
import { Detector } from '../core/detect.ts';
import { Registry } from '../core/registry.ts';
import type { CompiledRegistry } from '../core/registry-types.ts';
import { RegistrySearch, buildSearchIndex } from '../core/search.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REGISTRY_DIR = join(ROOT, 'registry');

export interface Loaded {
  compiled: CompiledRegistry;
  registry: Registry;
}

/** The registry as the extension would see it, compiled from registry/ now (so the CLI never uses a stale build). */
export function loadRegistry(): Loaded {
  const { registry: compiled, problems } = compileRegistry(REGISTRY_DIR, { skipRedos: true });
  if (problems.length) {
    // Still usable: answer from what compiled, and say so once.
    const first = problems[0]!;
    process.stderr.write(`secid: warning: the registry has ${problems.length} problem(s), first: ${first.file}: ${first.field}: ${first.reason}. Run "npm run secid -- validate".\n`);
  }
  const registry = new Registry(compiled);
  registry.v1 = v1StoreFromDir(REGISTRY_DIR);
  return { compiled, registry };
}

/** A fresh index over the registry just compiled (the prebuilt one in src/generated may be stale). */
export function loadSearch(compiled: CompiledRegistry): RegistrySearch {
  return new RegistrySearch(buildSearchIndex(compiled));
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
