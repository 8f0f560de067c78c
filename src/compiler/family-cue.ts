import { RegExpParser, type AST } from '@eslint-community/regexpp';

/**
 * The content script runs the detector only on text with a digit, `secid:` or a family's cue (Detector.mayContain):
 * a cheap test that lets most text skip the detector. A family whose IDs can be digit-free (`GHSA-cfgh-jmpq-rvwx`)
 * therefore needs a cue, the literal its IDs start with (`GHSA-`); one with neither would resolve in the CLI and the
 * popup but never be found on a page, and the compiler refuses it.
 */
export function familyCue(pattern: string): { cue?: string } | { problem: string } {
  const ast = parse(pattern);
  if (!ast || alternativesNeedDigit(ast.alternatives)) return {};
  const cue = ast.alternatives.length === 1 ? literalPrefix(ast.alternatives[0]!) : '';
  if (cue.length >= MIN_CUE) return { cue };
  return {
    problem:
      `can match text without a digit and does not start with a literal of ${MIN_CUE} or more characters; pages ` +
      'run the detector only on text with a digit or such a literal, so this family would never be found on a page: ' +
      'make the pattern require a digit (\\d, [0-9]) or start with a fixed prefix (GHSA-, cisco-sa-)',
  };
}

/** Shorter cues (`A-`) would let too much text through to the detector to be worth a test. */
const MIN_CUE = 3;

function parse(pattern: string): AST.Pattern | undefined {
  try {
    return new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern, 0, pattern.length, { unicode: true });
  } catch {
    // Its own pattern check reports why.
    return undefined;
  }
}

/** What every match starts with: the leading plain characters (`GHSA-` of `GHSA-[a-z0-9]{4}-…`). */
function literalPrefix(alternative: AST.Alternative): string {
  let prefix = '';
  for (const element of alternative.elements) {
    if (element.type !== 'Character') break;
    prefix += String.fromCodePoint(element.value);
  }
  return prefix;
}

/**
 * Whether every text a pattern matches contains an ASCII digit. Decided on the pattern's syntax tree, conservatively:
 * a digit is required when a required element is a digit (`\d`, `[0-9]`, `7`), when every branch of an alternative
 * requires one, or when a repeated element that requires one must occur at least once. Lookarounds and backreferences
 * never count.
 */

function alternativesNeedDigit(alternatives: AST.Alternative[]): boolean {
  return alternatives.length > 0 && alternatives.every((a) => a.elements.some(needsDigit));
}

function needsDigit(node: AST.Element | AST.CharacterClassElement): boolean {
  switch (node.type) {
    case 'Character':
      return isDigit(node.value);
    case 'CharacterSet':
      return node.kind === 'digit' && !node.negate;
    case 'CharacterClass':
      return !node.negate && node.elements.length > 0 && node.elements.every(needsDigit);
    case 'CharacterClassRange':
      return isDigit(node.min.value) && isDigit(node.max.value);
    case 'Group':
    case 'CapturingGroup':
      return alternativesNeedDigit(node.alternatives);
    case 'Quantifier':
      return node.min >= 1 && needsDigit(node.element);
    default:
      // Assertions, backreferences, class-set operations: nothing a match must contain.
      return false;
  }
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
