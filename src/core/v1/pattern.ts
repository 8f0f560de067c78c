/**
 * Evaluating the imported registry's regular expressions safely. There are thousands of them and they may come from a
 * newer registry the user imports, so they are not proved safe one by one with recheck at build time. Instead:
 *   1. the input is one already-isolated string (a name, a version or an item ID), at most MAX_INPUT characters;
 *   2. a pattern with nested repetition (a repeated group that itself repeats or alternates, the shape behind
 *      exponential backtracking, e.g. `(a+)+`, `(a|a)*`) is refused: it never matches, and the importer reports it.
 * What remains backtracks at most polynomially in an input of bounded length. One shape of repeated group is safe and
 * common (`(?:\.\d+){1,4}`, `(-[a-z]+)*`): a body of one separator literal then one repeated class that cannot
 * match the separator, so every repetition starts at a position the previous one could not have consumed.
 */

export const MAX_INPUT = 256;

const cache = new Map<string, RegExp | null>();

/** The compiled pattern, or null when it does not compile or is refused as unsafe. */
export function compilePattern(pattern: string): RegExp | null {
  let re = cache.get(pattern);
  if (re !== undefined) return re;
  re = null;
  if (pattern.length <= 1000 && !hasNestedRepetition(pattern)) {
    const insensitive = pattern.startsWith('(?i)');
    const source = insensitive ? pattern.slice(4) : pattern;
    for (const flags of insensitive ? ['iu', 'i'] : ['u', '']) {
      try {
        // As upstream evaluates them: `^...$` for a whole string; a few (`^cpe:2\.3:...`) test a prefix on purpose.
        re = new RegExp(source, flags);
        break;
      } catch {
        // Some escape characters the `u` flag rejects (`\-` outside a class): plain mode then.
      }
    }
  }
  cache.set(pattern, re);
  return re;
}

/** The match of `pattern` against the whole of `input`, or null (also for over-long input and refused patterns). */
export function matchPattern(pattern: string, input: string): RegExpExecArray | null {
  if (input.length > MAX_INPUT) return null;
  return compilePattern(pattern)?.exec(input) ?? null;
}

export function matchesAny(patterns: readonly string[], input: string): boolean {
  return patterns.some((p) => matchPattern(p, input) !== null);
}

/**
 * True when a quantified group contains a quantifier or an alternation. A structural check (escapes and
 * character classes are skipped), deliberately strict: it may refuse a harmless pattern, never pass `(a+)+`.
 */
export function hasNestedRepetition(pattern: string): boolean {
  // Per open group: does its body repeat or alternate?
  const stack: boolean[] = [];
  let lastGroupRisky = false;
  let afterGroup = false;
  const openAt: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      afterGroup = false;
      continue;
    }
    if (c === '[') {
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      afterGroup = false;
      continue;
    }
    const quantifier = c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(?:,\d*)?\}/.test(pattern.slice(i)));
    if (quantifier) {
      const repeats =
        c !== '?' &&
        !/^\{(\d+)(?:,\1)?\}/.test(pattern.slice(i)) &&
        !/^\{[01]\}/.test(pattern.slice(i)) &&
        !/^\{0,1\}/.test(pattern.slice(i));
      if (afterGroup && lastGroupRisky && repeats) return true;
      if (repeats && stack.length) stack[stack.length - 1] = true;
      if (c === '{') i = pattern.indexOf('}', i);
      afterGroup = false;
      continue;
    }
    if (c === '(') {
      stack.push(false);
      if (pattern[i + 1] === '?') {
        // (?:  (?=  (?!  (?<=  (?<!  (?<name>  (?i)
        const m = /^\(\?(?:<[A-Za-z_]\w*>|<=|<!|[:=!]|[a-z]+\))/.exec(pattern.slice(i));
        if (m) i += m[0].length - 1;
      }
      openAt.push(i + 1);
      afterGroup = false;
      continue;
    }
    if (c === '|') {
      if (stack.length) stack[stack.length - 1] = true;
      afterGroup = false;
      continue;
    }
    if (c === ')') {
      const body = pattern.slice(openAt.pop() ?? 0, i);
      lastGroupRisky = (stack.pop() ?? false) && !separatedRepeat(body);
      // A risky inner group makes its parent risky too.
      if (lastGroupRisky && stack.length) stack[stack.length - 1] = true;
      afterGroup = true;
      continue;
    }
    afterGroup = false;
  }
  return false;
}

/** `\.\d+`, `-[a-z]+`: a separator literal, then one repeated class or escape that cannot match the separator. */
function separatedRepeat(body: string): boolean {
  const m = /^(\\[^\w\s]|[^\\[\](){}|*+?.^$])(\\[dw]|\[[^\]\\]*\])[+*]$/.exec(body);
  if (!m) return false;
  const literal = m[1]!.length === 2 ? m[1]![1]! : m[1]!;
  try {
    return !new RegExp(`^${m[2]}$`).test(literal);
  } catch {
    return false;
  }
}
