import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * ReDoS verdicts that are the same on every machine and every run.
 *
 * recheck's automaton checker decides a pattern without lookaround or backreferences exactly: it builds the pattern's
 * automaton and looks for ambiguity, with no fuzzing, no random seed and no time budget in the answer. Its default
 * mode (`auto`) falls back to fuzzing for large or lookaround patterns, whose `unknown` depends on how busy the machine
 * is; we never use it. Verdicts are kept in a committed file keyed by the exact pattern (and recheck's version), so a
 * build re-proves only a pattern that changed. The detector's combined and candidate patterns are proved from their
 * branches (see `detectorBranches` in core/detect.ts and `proveDetector` below), each small enough to decide fast.
 */
export interface RedosVerdict {
  safe: boolean;
  /** safe, vulnerable, or unprovable (the checker cannot decide this pattern: lookaround, backreference, error). */
  status: 'safe' | 'vulnerable' | 'unprovable';
  complexity?: string;
  attack?: string;
  /** Why a pattern is unprovable. */
  reason?: string;
}

interface RecheckDiagnostics {
  status: 'safe' | 'vulnerable' | 'unknown';
  checker?: 'automaton' | 'fuzz';
  complexity?: { summary?: string };
  attack?: { pattern?: string };
  error?: { kind?: string; message?: string };
}

/**
 * The checker's wall-clock limit. It is a guard against a hung check, not part of the verdict: the patterns checked
 * here decide in well under a second, and a check that hits the limit is reported as an error to fix or retry, never
 * as "may backtrack".
 */
const GUARD_MS = 120_000;

export const VERDICTS_FILE = new URL('./redos-verdicts.json', import.meta.url);

interface VerdictFile {
  recheck: string;
  verdicts: Record<string, RedosVerdict>;
}

function recheckVersion(): string {
  return (require('recheck/package.json') as { version: string }).version;
}

/** Decides one pattern with the automaton checker. Throws when the guard fires (a machine problem, not a verdict). */
export function decideRedos(source: string, flags = 'u'): RedosVerdict {
  const { checkSync } = require('recheck') as { checkSync: (s: string, f: string, p?: object) => RecheckDiagnostics };
  const d = checkSync(source, flags, { checker: 'automaton', timeout: GUARD_MS });
  if (d.error?.kind === 'timeout' || d.error?.kind === 'cancel') {
    throw new Error(
      `recheck did not finish within ${GUARD_MS / 1000} s on ${JSON.stringify(source.slice(0, 60))}; run the build again`,
    );
  }
  if (d.status === 'safe')
    return d.complexity?.summary
      ? { safe: true, status: 'safe', complexity: d.complexity.summary }
      : { safe: true, status: 'safe' };
  if (d.status === 'vulnerable') {
    const verdict: RedosVerdict = { safe: false, status: 'vulnerable' };
    if (d.complexity?.summary) verdict.complexity = d.complexity.summary;
    if (d.attack?.pattern) verdict.attack = d.attack.pattern;
    return verdict;
  }
  const reason =
    d.error?.kind === 'unsupported'
      ? 'uses lookaround or a backreference, which cannot be proved; write it without (the detector adds word boundaries itself)'
      : `recheck cannot decide it (${d.error?.kind ?? 'unknown'}${d.error?.message ? `: ${d.error.message}` : ''})`;
  return { safe: false, status: 'unprovable', reason };
}

/** Verdicts by exact pattern, read from and written back to the committed file. */
export class VerdictStore {
  private readonly version = recheckVersion();
  private readonly known: Record<string, RedosVerdict>;
  private readonly used = new Map<string, RedosVerdict>();
  private computed = 0;

  constructor(private readonly file: URL | string | null = VERDICTS_FILE) {
    let known: Record<string, RedosVerdict> = {};
    if (file && existsSync(file)) {
      try {
        const data = JSON.parse(readFileSync(file, 'utf8')) as VerdictFile;
        // Another recheck may decide differently: its verdicts are proved again.
        if (data.recheck === this.version && data.verdicts && typeof data.verdicts === 'object') known = data.verdicts;
      } catch {
        known = {};
      }
    }
    this.known = known;
  }

  check(source: string, flags = 'u'): RedosVerdict {
    const key = `${flags}/${source}`;
    let verdict = this.used.get(key) ?? this.known[key];
    if (!verdict) {
      verdict = decideRedos(source, flags);
      this.computed++;
    }
    this.used.set(key, verdict);
    return verdict;
  }

  /** How many verdicts this run had to prove (0 when every pattern was known). */
  get proved(): number {
    return this.computed;
  }

  /** Whether the file would change: a new verdict, or a verdict no pattern uses any more. */
  get stale(): boolean {
    if (this.computed > 0) return true;
    return Object.keys(this.known).some((k) => !this.used.has(k)) || this.used.size !== Object.keys(this.known).length;
  }

  /** Writes exactly the verdicts this run used, sorted, so the file is the same wherever it is written. */
  save(): void {
    if (!this.file) return;
    const verdicts = Object.fromEntries([...this.used.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const data: VerdictFile = { recheck: this.version, verdicts };
    writeFileSync(this.file, `${JSON.stringify(data, null, 1)}\n`);
  }
}

/** A store that never reads or writes a file (tests). */
export function memoryStore(): VerdictStore {
  return new VerdictStore(null);
}
