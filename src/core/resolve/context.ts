import type { Registry } from '../registry.ts';
import type { ResolveOptions, ResolveResult, ResolveStatus } from '../resolve-types.ts';

/** What every step of one resolution reads: the registry and the caller's edition preferences. */
export interface ResolveContext {
  registry: Registry;
  options: ResolveOptions;
}

/** One step's answer; `resolve()` adds the query to make the response. */
export interface Answer {
  status: ResolveStatus;
  results: ResolveResult[];
  message?: string;
}

/** An answer from inside one source: errors and misses are decided by the caller, which sees all sources. */
export interface Outcome extends Answer {
  status: Exclude<ResolveStatus, 'error' | 'not_found'>;
}

export function answer(status: ResolveStatus, results: ResolveResult[], message?: string): Answer {
  return message === undefined ? { status, results } : { status, results, message };
}
