import type { ResolveResponse, ResolveResult } from '../core/resolve-types.ts';

/**
 * The results that are one item in several editions (LLM04 in 2025 and in 2023), to be shown side by side; empty when
 * the answer is not edition-dependent. Several databases listing one CVE are not editions: they have no version.
 */
export function editionGroup(response: ResolveResponse): ResolveResult[] {
  const first = response.results[0];
  if (!first?.id) return [];
  const group = response.results.filter(
    (r) => r.id === first.id && r.source_secid === first.source_secid && r.version !== undefined,
  );
  return group.length > 1 ? group : [];
}
