import type { ResolveResult } from './resolve-types.ts';

/**
 * The list a result belongs to, as people name it: "OWASP ML Top 10 (2023)". With `currentWord`, the current
 * edition says so ("2025, current"), for the CLI, where no other line tells.
 */
export function listName(r: ResolveResult, currentWord?: string): string | undefined {
  const name = r.source_short ?? r.source_name;
  if (!name) return undefined;
  if (!r.edition) return name;
  return `${name} (${r.edition}${currentWord !== undefined && r.current_edition ? `, ${currentWord}` : ''})`;
}
