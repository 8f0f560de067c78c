import type { CompiledPattern } from './registry-types.ts';

/**
 * The year an advisory number belongs to, from the first number of each year (Debian files DSA and DLA pages by
 * year, which the ID does not carry). Undefined below the table and from the last year's first number on: that year
 * may have ended since the table was written, and a wrong year is a broken link.
 */
export function yearOf(starts: readonly [number, string][], num: number): string | undefined {
  if (!Number.isSafeInteger(num) || starts.length === 0) return undefined;
  let year: string | undefined;
  for (let i = 0; i < starts.length - 1; i++) {
    if (num >= starts[i]![0]) year = num < starts[i + 1]![0] ? starts[i]![1] : undefined;
  }
  return year;
}

/** A match's named groups, with `year` from the pattern's table when it has one (undefined: no template fills). */
export function withYear(pattern: CompiledPattern, groups: Record<string, string>): Record<string, string | undefined> {
  if (!pattern.years) return groups;
  return { ...groups, year: groups.num !== undefined ? yearOf(pattern.years, Number(groups.num)) : undefined };
}
