/** The badge for a count of items: nothing for none, at most four characters. */
export function badgeText(items: number, truncated: boolean): string {
  if (items <= 0) return '';
  if (items > 999) return '999+';
  return truncated ? `${items}+` : String(items);
}
