import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface RedosVerdict {
  safe: boolean;
  /** recheck's status: safe, vulnerable or unknown (gave up within its budget). */
  status: string;
  complexity?: string;
  attack?: string;
}

interface RecheckDiagnostics {
  status: 'safe' | 'vulnerable' | 'unknown';
  complexity?: { summary?: string };
  attack?: { pattern?: string };
  error?: { kind?: string };
}

const cache = new Map<string, RedosVerdict>();

/** Catastrophic-backtracking check with recheck (automaton + fuzz). `unknown` counts as unsafe: prove it or simplify it. */
export function checkRedos(source: string, flags = 'u'): RedosVerdict {
  const key = `${flags}/${source}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const { checkSync } = require('recheck') as { checkSync: (s: string, f: string, p?: object) => RecheckDiagnostics };
  let d = checkSync(source, flags, { timeout: 10000 });
  // A timeout says how busy the machine is, not whether the pattern is safe: give it one longer try.
  if (d.status === 'unknown' && d.error?.kind === 'timeout') d = checkSync(source, flags, { timeout: 60000 });
  const verdict: RedosVerdict = { safe: d.status === 'safe', status: d.status };
  if (d.complexity?.summary) verdict.complexity = d.complexity.summary;
  if (d.attack?.pattern) verdict.attack = d.attack.pattern;
  cache.set(key, verdict);
  return verdict;
}
