import type { PageId } from '../core/page-id.ts';
import type { Hit } from './hit-index.ts';

/** The source key of a written SecID (`secid:weakness/owasp/ml-top10@2023#ML01` -> `weakness/owasp/ml-top10`). */
export function secidSourceKey(text: string): string | undefined {
  return /^secid:([a-z-]+\/[^/#@?]+\/[^/#@?]+)/i.exec(text)?.[1]?.toLowerCase();
}

/** Distinct IDs with their counts, in the order they first appear. */
export function summarise(hits: Iterable<Hit>): PageId[] {
  const byText = new Map<string, PageId>();
  for (const hit of hits) {
    const known = byText.get(hit.text);
    if (known) {
      known.count++;
      continue;
    }
    const d = hit.detection;
    const sourceKey = d.sourceKey ?? (d.kind === 'secid' ? secidSourceKey(hit.text) : undefined);
    byText.set(hit.text, {
      text: hit.text,
      count: 1,
      ...(d.family ? { family: d.family } : {}),
      ...(sourceKey ? { sourceKey } : {}),
    });
  }
  return [...byText.values()];
}
