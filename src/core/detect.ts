import type { DetectRule, DetectRules } from './registry-types.ts';
import { SECID_TYPES } from './secid-types.ts';

/** One SecID string or bare ID found in a text. */
export interface Detection {
  start: number;
  end: number;
  /** The text as written (after trimming sentence punctuation). */
  text: string;
  kind: 'secid' | 'bare';
  /** Family of a bare ID (`owasp-llm-top10`) and the key of the source it belongs to (`weakness/owasp/llm-top10`). */
  family?: string;
  sourceKey?: string;
  /** Edition written with the ID (`2025` in `LLM01:2025`). */
  edition?: string;
  /** Edition label seen near the ID, a hint for ordering editions. */
  contextEdition?: string;
  confidence: number;
}

export type FamilyMode = 'on' | 'off' | 'context';

export interface DetectorOptions {
  /** Per-family switch, overriding each family's default. */
  families?: Record<string, FamilyMode | undefined>;
  /** How far (characters, default 120) a context word may be from a `context` family's ID. */
  contextWindow?: number;
}

const MAX_SECID = 1024;
// A bare ID must not continue a word, a dotted or hyphenated token (`HTML01`, `AML.T0051` for ATT&CK's T0051, `X-CVE`).
const BEFORE = String.raw`(?<![\p{L}\p{N}_.\-@$])`;
const AFTER = String.raw`(?![\p{L}\p{N}_]|[-.]\p{N})`;
const SECID = String.raw`[sS][eE][cC][iI][dD]:(?:${SECID_TYPES.join('|')})\/[^\s"'<>\x60\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\u061C\uFEFF]{1,${MAX_SECID}}`;
// Zero-width and bidi-control characters: they hide or reorder what the reader sees.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\u061C\uFEFF]/;
const TRAILING = /[.,;:!?'"\u2019\u201D]+$/;
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{', '>': '<' };

/**
 * What AFTER allows, as a pattern that consumes instead of looking ahead: it matches at a position exactly when AFTER
 * holds there, in one way only, reading at most two characters. The ReDoS proof checks branches followed by it (a
 * checker that decides patterns exactly cannot read lookaround); the matcher explores the same paths either way.
 */
export const AFTER_CONSUMING = String.raw`(?:$|[^\p{L}\p{N}_\-.]|[-.](?:$|\P{N}))`;
export const AFTER_LOOKAHEAD = AFTER;

const secidBranch = `(${SECID})`;
const familyBranch = (f: DetectRule) => `((?:${f.pattern})${f.editions.length ? '(?::\\d{4})?' : ''})`;

/** The combined pattern of the given families: group 1 is a SecID string, group i+2 is family i. Exported for ReDoS checks. */
export function combinedPattern(families: readonly DetectRule[]): string {
  return `${BEFORE}(?:${[secidBranch, ...families.map(familyBranch)].join('|')})${AFTER}`;
}

/**
 * The same alternatives without the word-boundary checks: every detection of a piece of text is inside a match of
 * this pattern run over any longer text that contains it (a page's whole textContent, where neighbouring blocks run
 * together), so its matches say where detections may be. Exported for ReDoS checks.
 */
export function candidatePattern(families: readonly Pick<DetectRule, 'pattern'>[]): string {
  return [SECID, ...families.map((f) => `(?:${f.pattern})`)].join('|');
}

/**
 * The patterns whose linear-time verdicts prove the detector's combined and candidate patterns linear, for any subset
 * of families (the settings switch families off):
 * - candidate = B1|...|Bk with nothing after the alternation: at each start position the matcher runs B1 to the end of
 *   its backtracking, then B2, ...; the work is the sum of each branch's own, so linear branches give a linear whole.
 * - combined = BEFORE(?:A1|...|Ak)AFTER: BEFORE tests one character before any branch runs (it only removes start
 *   positions); AFTER is the whole continuation of every branch, so each branch is checked followed by it, written as
 *   AFTER_CONSUMING. The same sum argument then holds.
 */
export function detectorBranches(families: readonly DetectRule[]): { label: string; pattern: string }[] {
  return [
    { label: 'SecID (candidate branch)', pattern: SECID },
    { label: 'SecID (combined branch)', pattern: `(?:${secidBranch})${AFTER_CONSUMING}` },
    ...families.flatMap((f) => [
      { label: `${f.id} (candidate branch)`, pattern: `(?:${f.pattern})` },
      { label: `${f.id} (combined branch)`, pattern: `(?:${familyBranch(f)})${AFTER_CONSUMING}` },
    ]),
  ];
}

/** Characters of context a candidate window overlaps the next by: longer than any candidate (a SecID is capped). */
export const CANDIDATE_OVERLAP = MAX_SECID + 64;

/** Finds SecID strings and bare IDs in plain text. Pure and allocation-light: it runs in the content script. */
export class Detector {
  readonly families: readonly DetectRule[];
  private readonly modes: FamilyMode[];
  private readonly re: RegExp;
  private readonly candidateRe: RegExp;
  private readonly contextRes: (RegExp | undefined)[];
  private readonly editionRes: (RegExp | undefined)[];
  private readonly window: number;
  private readonly cueRe: RegExp;

  constructor(spec: DetectRules, options: DetectorOptions = {}) {
    const modes = spec.families.map((f) => options.families?.[f.id] ?? f.default);
    this.families = spec.families.filter((_, i) => modes[i] !== 'off');
    this.modes = modes.filter((m) => m !== 'off');
    this.re = new RegExp(combinedPattern(this.families), 'gu');
    this.candidateRe = new RegExp(candidatePattern(this.families), 'gu');
    this.window = options.contextWindow ?? 120;
    // Every ID has a digit, except SecID strings and families with a cue (the compiler refuses any other).
    const cues = this.families.flatMap((f) => (f.cue ? [escapeRegExp(f.cue)] : []));
    this.cueRe = new RegExp(['\\d', 'secid:', ...cues].join('|'), 'i');
    this.contextRes = this.families.map((f) =>
      f.context.length ? new RegExp(f.context.map(escapeRegExp).join('|'), 'i') : undefined,
    );
    this.editionRes = this.families.map((f) =>
      f.editions.length
        ? new RegExp(`(?<![\\p{L}\\p{N}.])v?(${f.editions.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}]|\\.\\d)`, 'u')
        : undefined,
    );
  }

  /** False when `text` cannot hold an ID: a cheap test that lets most text on a page skip `detect`. */
  mayContain(text: string): boolean {
    return this.cueRe.test(text);
  }

  /** Every detection in `text`, in order, without overlaps. */
  detect(text: string): Detection[] {
    const out: Detection[] = [];
    const re = this.re;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m[1] !== undefined) {
        const d = this.secidDetection(text, m.index, m[1]);
        if (d) out.push(d);
        else {
          // A rejected SecID-like token (over-long, cut by an invisible character) is skipped whole, so no bare ID
          // is read out of its middle.
          const space = text.slice(m.index).search(/\s/);
          re.lastIndex = space < 0 ? text.length : m.index + space;
        }
        continue;
      }
      const i = groupIndex(m) - 2;
      const family = this.families[i];
      if (!family) continue;
      const written = m[0];
      const colon = family.editions.length ? /:(\d{4})$/.exec(written) : null;
      const detection: Detection = {
        start: m.index,
        end: m.index + written.length,
        text: written,
        kind: 'bare',
        family: family.id,
        sourceKey: family.sourceKey,
        confidence: family.confidence,
      };
      if (colon) {
        detection.edition = colon[1]!;
        detection.confidence = Math.min(1, family.confidence + 0.1);
      }
      if (this.modes[i] === 'context' && !colon && !this.nearContext(text, m.index, i)) continue;
      if (!colon) {
        const hint = this.nearEdition(text, m.index, written.length, i);
        if (hint !== undefined) detection.contextEdition = hint;
      }
      out.push(detection);
    }
    return out;
  }

  /**
   * Where detections may be in `text[from, to)`: pairs of [start, end) offsets, flat, in order. A superset: the caller
   * runs `detect` on the text around each (see candidatePattern). Reads at most CANDIDATE_OVERLAP characters past
   * `to`, so a long text is searched in windows without one regex call running over all of it.
   */
  candidates(text: string, from = 0, to = text.length, out: number[] = []): number[] {
    const end = Math.min(text.length, to + CANDIDATE_OVERLAP);
    const window = from === 0 && end === text.length ? text : text.slice(from, end);
    const re = this.candidateRe;
    re.lastIndex = 0;
    const limit = to - from;
    let m: RegExpExecArray | null;
    while ((m = re.exec(window)) !== null && m.index < limit) {
      out.push(from + m.index, from + m.index + m[0].length);
      if (m[0].length === 0) re.lastIndex++;
    }
    return out;
  }

  private secidDetection(text: string, start: number, raw: string): Detection | undefined {
    const next = text[start + raw.length];
    // Longer than the grammar allows and still going: not a SecID (also bounds the work on hostile text).
    if (raw.length >= MAX_SECID && next !== undefined && !/\s/.test(next)) return undefined;
    // Cut by an invisible character: a spoofing trick or a broken copy, not something to vouch for.
    if (next !== undefined && INVISIBLE.test(next)) return undefined;
    let s = raw;
    for (;;) {
      const before = s;
      s = s.replace(TRAILING, '');
      const last = s[s.length - 1];
      if (last !== undefined && CLOSERS[last] !== undefined && count(s, last) > count(s, CLOSERS[last]!))
        s = s.slice(0, -1);
      if (s === before) break;
    }
    if (!/\/./.test(s)) return undefined;
    return { start, end: start + s.length, text: s, kind: 'secid', confidence: 1 };
  }

  private nearContext(text: string, index: number, family: number): boolean {
    const re = this.contextRes[family];
    if (!re) return false;
    return re.test(text.slice(Math.max(0, index - this.window), index + this.window));
  }

  private nearEdition(text: string, index: number, length: number, family: number): string | undefined {
    const re = this.editionRes[family];
    if (!re) return undefined;
    const w = 120;
    const m =
      re.exec(text.slice(Math.max(0, index - w), index)) ?? re.exec(text.slice(index + length, index + length + w));
    return m?.[1];
  }
}

function groupIndex(m: RegExpExecArray): number {
  for (let i = 2; i < m.length; i++) if (m[i] !== undefined) return i;
  return -1;
}

function count(s: string, c: string): number {
  let n = 0;
  for (const ch of s) if (ch === c) n++;
  return n;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
