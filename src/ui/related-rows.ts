import type { RelatedRef } from '../core/resolve-types.ts';

/** One line of a card's Related list. */
export interface RelatedRow {
  /** Where the line leads: the first (current) edition when it stands for several. */
  secid: string;
  rel: string;
  /** `LLM01`, from the SecID's `#item`. */
  id: string;
  title?: string;
  /** Edition labels the line stands for, in the registry's order (`['2025', '2023']`); empty when unversioned. */
  editions: string[];
}

const unversioned = (secid: string) => secid.replace(/@[^#?]*/, '');

/**
 * The Related list as people read it: one line per thing. Two editions of an item with the same title and relation
 * (AML.T0051 → LLM01 2025 and LLM01 2023) become one line naming both editions; editions that mean different things
 * stay apart, each naming its edition.
 */
export function relatedRows(refs: readonly RelatedRef[]): RelatedRow[] {
  const rows: RelatedRow[] = [];
  const byThing = new Map<string, RelatedRow>();
  for (const ref of refs) {
    const key = `${unversioned(ref.secid)}|${ref.rel}|${ref.title ?? ''}`;
    const same = byThing.get(key);
    if (same) {
      if (ref.edition && !same.editions.includes(ref.edition)) same.editions.push(ref.edition);
      continue;
    }
    const row: RelatedRow = {
      secid: ref.secid,
      rel: ref.rel,
      id: ref.secid.replace(/^.*#/, ''),
      editions: ref.edition ? [ref.edition] : [],
    };
    if (ref.title) row.title = ref.title;
    byThing.set(key, row);
    rows.push(row);
  }
  return rows;
}
