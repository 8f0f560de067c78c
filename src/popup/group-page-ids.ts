import type { PageId } from '../core/page-id.ts';

export interface PageIdGroup<T extends PageId = PageId> {
  /** Source key (`weakness/owasp/ml-top10`), or '' for IDs whose source is unknown. */
  sourceKey: string;
  label: string;
  total: number;
  items: T[];
}

export interface GroupLookup {
  /** The source key of an ID the content script did not label. */
  sourceKeyOf(id: PageId): string | undefined;
  /** A readable name for a source key ('' for unknown). */
  label(sourceKey: string): string;
}

const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Groups by source, biggest group first; IDs in a group in natural order (ML2 before ML10). */
export function groupPageIds<T extends PageId>(ids: readonly T[], lookup: GroupLookup): PageIdGroup<T>[] {
  const groups = new Map<string, PageIdGroup<T>>();
  for (const id of ids) {
    if (!id.text || !(id.count > 0)) continue;
    const sourceKey = id.sourceKey ?? lookup.sourceKeyOf(id) ?? '';
    let group = groups.get(sourceKey);
    if (!group) groups.set(sourceKey, (group = { sourceKey, label: lookup.label(sourceKey), total: 0, items: [] }));
    group.total += id.count;
    group.items.push(id);
  }
  for (const group of groups.values())
    group.items.sort((a, b) => natural.compare(a.text, b.text) || a.text.localeCompare(b.text));
  // Unknown sources last whatever their size: they are the least useful.
  return [...groups.values()].sort(
    (a, b) =>
      Number(a.sourceKey === '') - Number(b.sourceKey === '') || b.total - a.total || natural.compare(a.label, b.label),
  );
}
