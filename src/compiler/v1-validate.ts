import { join } from 'node:path';
import { Registry } from '../core/registry.ts';
import type { CompiledRegistry } from '../core/registry-types.ts';
import { checkV1Examples, unexplained } from '../core/v1/check.ts';
import { allV1Namespaces, readV1Info, V1_DIR, v1StoreFromDir } from './v1-data.ts';

export interface V1Validation {
  namespaces: number;
  checked: number;
  /** Recorded at import: examples that resolve differently because ours wins, or that upstream itself cannot resolve. */
  exceptions: number;
  problems: { file: string; field: string; reason: string }[];
}

/**
 * Every example of the imported SecID 1.0 registry must resolve `found`, with the URL the registry gives, through the
 * same resolver the extension uses; the only allowed differences are those registry/secid-1.0/import.json records.
 */
export function validateV1(registryDir: string, ours: CompiledRegistry): V1Validation {
  const info = readV1Info(registryDir);
  const namespaces = allV1Namespaces(registryDir);
  const registry = new Registry(ours);
  registry.v1 = v1StoreFromDir(registryDir);
  const { checked, failures } = checkV1Examples(registry, namespaces);
  const exceptions = info?.exceptions ?? [];
  const problems = unexplained(failures, exceptions).map((f) => {
    const [, type, ns] = /^secid:([a-z]+)\/([^/#@?]+)/.exec(f.secid) ?? [];
    return {
      file: join(registryDir, V1_DIR, `${type ?? 'unknown'}.json`),
      field: `${ns ?? '?'}: example ${f.secid}`,
      reason: `${f.status}${f.expected ? `, expected ${f.expected}` : ''}${f.got.length ? `, got ${f.got.join(' ')}` : ''}${f.message ? ` (${f.message})` : ''}`,
    };
  });
  return { namespaces: namespaces.length, checked, exceptions: exceptions.length, problems };
}
