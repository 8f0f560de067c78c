import { compileRegistry } from '../../src/compiler/compile.ts';
import { v1StoreFromDir } from '../../src/compiler/v1-data.ts';
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
