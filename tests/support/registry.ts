import { compileRegistry } from '../../src/compiler/compile.ts';
import { Detector, type DetectorOptions } from '../../src/core/detect.ts';
import { Registry } from '../../src/core/registry.ts';
import type { CompiledRegistry } from '../../src/core/registry-types.ts';

let compiled: CompiledRegistry | undefined;

/** The real registry, compiled once per test file (ReDoS proofs are the compiler test's job). */
export function realCompiled(): CompiledRegistry {
  compiled ??= compileRegistry('registry', { skipRedos: true }).registry;
  return compiled;
}

export function realRegistry(): Registry {
  return new Registry(realCompiled());
}

export function realDetector(options?: DetectorOptions): Detector {
  return new Detector(realCompiled().detector, options);
}
