import { join } from 'node:path';
import { Registry } from '../core/registry.ts';
import type { CompiledRegistry } from '../core/registry-types.ts';
import { checkV1Examples, staleExceptions, unexplained, type V1Exception } from '../core/v1/check.ts';
import { allV1Namespaces, readV1Info, V1_DIR, v1StoreFromDir } from './v1-data.ts';

export interface V1Validation {
  namespaces: number;
  checked: number;
  /** Examples with a URL, and how many of them have that URL among our results. */
  withUrl: number;
  urlAmongResults: number;
  /** Recorded at import: examples that are broken upstream (reported by `secid validate`, never hidden). */
  exceptions: V1Exception[];
  problems: { file: string; field: string; reason: string }[];
}

/**
 * Every example of the imported SecID 1.0 registry must resolve `found`, with the URL the registry gives among the
 * results, through the same resolver the extension uses. The only allowed failures are the upstream faults
 * registry/secid-1.0/import.json records; a record that no longer fails is itself a problem (it would hide a regression).
 */
export function validateV1(registryDir: string, ours: CompiledRegistry): V1Validation {
  const info = readV1Info(registryDir);
  const namespaces = allV1Namespaces(registryDir);
  const registry = new Registry(ours);
  registry.v1 = v1StoreFromDir(registryDir);
  const { checked, withUrl, failures } = checkV1Examples(registry, namespaces);
  const exceptions = info?.exceptions ?? [];
  const file = (secid: string) => {
    const type = /^secid:([a-z]+)\//.exec(secid)?.[1];
    return join(registryDir, V1_DIR, `${type ?? 'unknown'}.json`);
  };
  const nsOf = (secid: string) => /^secid:[a-z]+\/([^/#@?]+)/.exec(secid)?.[1] ?? '?';
  const problems = unexplained(failures, exceptions).map((f) => ({
    file: file(f.secid),
    field: `${nsOf(f.secid)}: example ${f.secid}`,
    reason: [
      f.status,
      f.expected ? `, expected ${f.expected} among the results` : '',
      f.got.length ? `, got ${f.got.join(' ')}` : '',
      f.message ? ` (${f.message})` : '',
    ].join(''),
  }));
  for (const e of staleExceptions(failures, exceptions)) {
    problems.push({
      file: join(registryDir, V1_DIR, 'import.json'),
      field: `exceptions: ${e.secid}`,
      reason: 'recorded as an exception but resolves to its URL now: remove the record',
    });
  }
  for (const e of exceptions.filter((x) => !x.reason.startsWith('upstream:'))) {
    problems.push({
      file: join(registryDir, V1_DIR, 'import.json'),
      field: `exceptions: ${e.secid}`,
      reason: `only upstream faults may be recorded, not "${e.reason}"`,
    });
  }
  const urlFailures = failures.filter((f) => f.expected !== undefined).length;
  return {
    namespaces: namespaces.length,
    checked,
    withUrl,
    urlAmongResults: withUrl - urlFailures,
    exceptions,
    problems,
  };
}
