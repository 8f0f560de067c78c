/** Ordering helpers for search: how IDs compare and what counts as the same ID. */

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Natural order: ML01 < ML09 < ML10, CWE-79 < CWE-100, A1 < A10. */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b);
}

/** An ID without case or punctuation, so `ml03`, `ML-03` and `ML03` (or `cwe79` and `CWE-79`) are the same ID. */
export function compactCode(text: string): string {
  return text.toUpperCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
