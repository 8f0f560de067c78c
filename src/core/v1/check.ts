import type { Registry } from '../registry.ts';
import { resolve } from '../resolve.ts';
import { examplesOf } from './examples.ts';
import type { V1Namespace } from './types.ts';

/** An imported example that is allowed not to resolve to the registry's URL, and why (recorded by the importer). */
export interface V1Exception {
  secid: string;
  url?: string;
  /** `ours: <url>` when our hand-written registry answers differently (ours wins), `upstream: ...` for an upstream inconsistency. */
  reason: string;
}

export interface V1ExampleFailure {
  secid: string;
  expected?: string;
  status: string;
  got: string[];
  message?: string;
  /** True when our hand-written registry answered (found, another URL): a conflict where ours wins. */
  ours: boolean;
}

const normal = (url: string) => {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
};

/**
 * Resolve every example of the imported namespaces through the same resolver the extension uses. An example passes
 * when it is `found` and, if the registry gives a URL, that URL is among the results.
 */
export function checkV1Examples(registry: Registry, namespaces: Iterable<V1Namespace>): { checked: number; failures: V1ExampleFailure[] } {
  let checked = 0;
  const failures: V1ExampleFailure[] = [];
  for (const ns of namespaces) {
    for (const ex of examplesOf(ns)) {
      checked++;
      const answer = resolve(registry, ex.secid);
      const urls = answer.results.map((r) => r.url).filter((u): u is string => u !== undefined);
      if (answer.status === 'found' && (ex.url === undefined || urls.includes(normal(ex.url)))) continue;
      // Did our hand-written registry give this answer? Resolve once more without the import to tell.
      const store = registry.v1;
      registry.v1 = undefined;
      const oursAnswered = resolve(registry, ex.secid).status === 'found';
      registry.v1 = store;
      const failure: V1ExampleFailure = { secid: ex.secid, status: answer.status, got: urls, ours: oursAnswered };
      if (ex.url !== undefined) failure.expected = ex.url;
      if (answer.message !== undefined) failure.message = answer.message;
      failures.push(failure);
    }
  }
  return { checked, failures };
}

/** The failures not covered by a recorded exception: these fail `secid validate` and the build. */
export function unexplained(failures: V1ExampleFailure[], exceptions: V1Exception[]): V1ExampleFailure[] {
  const known = new Set(exceptions.map((e) => `${e.secid} ${e.url ?? ''}`));
  return failures.filter((f) => !known.has(`${f.secid} ${f.expected ?? ''}`));
}
