/**
 * The index of the last of the ascending `starts` at or before `offset` (before it, when `strict`); 0 when none is.
 * Which line an offset is on (scan), which text node a run offset is in (content script).
 */
export function lastStartAt(starts: readonly number[], offset: number, strict = false): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (strict ? starts[mid]! < offset : starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
