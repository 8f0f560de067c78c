import type { Registry } from '../registry.ts';
import { resolve } from '../resolve.ts';
import { examplesOf } from './examples.ts';
import { sameUrlKey } from './merge.ts';
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
  /** Why the registry's URL is not offered: our source's file says the official URLs are wrong (`official_url_wrong`). */
  officialUrlWrong?: string;
}

/**
 * Resolve every example of the imported namespaces through the same resolver the extension uses. An example passes
 * when it is `found` and, if the registry gives a URL, that URL is among the results.
 */
export function checkV1Examples(
  registry: Registry,
  namespaces: Iterable<V1Namespace>,
): { checked: number; withUrl: number; failures: V1ExampleFailure[] } {
  let checked = 0;
  let withUrl = 0;
  const failures: V1ExampleFailure[] = [];
  for (const ns of namespaces) {
    for (const ex of examplesOf(ns)) {
      checked++;
      if (ex.url !== undefined) withUrl++;
      const answer = resolve(registry, ex.secid);
      const urls = answer.results.map((r) => r.url).filter((u): u is string => u !== undefined);
      // The same page with or without a trailing slash counts (the merge adds no second link for it either).
      if (
        answer.status === 'found' &&
        (ex.url === undefined || urls.some((u) => sameUrlKey(u) === sameUrlKey(ex.url!)))
      )
        continue;
      // Did our hand-written registry give this answer? Resolve once more without the import to tell.
      const store = registry.v1;
      registry.v1 = undefined;
      const oursAnswered = resolve(registry, ex.secid).status === 'found';
      registry.v1 = store;
      const failure: V1ExampleFailure = { secid: ex.secid, status: answer.status, got: urls, ours: oursAnswered };
      const wrong = answer.results
        .map((r) =>
          r.source_secid ? registry.source(r.source_secid.replace(/^secid:/, ''))?.officialUrlWrong : undefined,
        )
        .find((w) => w !== undefined);
      if (wrong !== undefined) failure.officialUrlWrong = wrong;
      if (ex.url !== undefined) failure.expected = ex.url;
      if (answer.message !== undefined) failure.message = answer.message;
      failures.push(failure);
    }
  }
  return { checked, withUrl, failures };
}

/**
 * Why an example does not resolve to its URL, as recorded in import.json. Only upstream faults are ever recorded:
 * where ours answers differently, the registry's URL is added beside ours, so a difference is no excuse.
 */
export function exceptionReason(f: V1ExampleFailure): string {
  if (f.officialUrlWrong !== undefined)
    return `upstream: the registry's URL is wrong (${f.officialUrlWrong}); ours answers ${f.got[0] ?? 'without a URL'}`;
  if (f.ours) return `ours: our registry answers ${f.got.join(' ') || 'without a URL'} and not the registry's URL`;
  return `upstream: the example does not resolve in its own registry (${f.status}${f.message ? `: ${f.message}` : ''})`;
}

const exceptionKey = (secid: string, url: string | undefined) => `${secid} ${url ?? ''}`;

/**
 * The failures not covered by a recorded upstream exception: these fail `secid validate` and the build. An `ours:`
 * record excuses nothing (the registry's URL must be among our results).
 */
export function unexplained(failures: V1ExampleFailure[], exceptions: V1Exception[]): V1ExampleFailure[] {
  const known = new Set(
    exceptions.filter((e) => e.reason.startsWith('upstream:')).map((e) => exceptionKey(e.secid, e.url)),
  );
  return failures.filter((f) => !known.has(exceptionKey(f.secid, f.expected)));
}

/** Recorded exceptions that no longer fail: the record is stale and should go. */
export function staleExceptions(failures: V1ExampleFailure[], exceptions: V1Exception[]): V1Exception[] {
  const failing = new Set(failures.map((f) => exceptionKey(f.secid, f.expected)));
  return exceptions.filter((e) => !failing.has(exceptionKey(e.secid, e.url)));
}
