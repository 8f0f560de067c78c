import type { ResolveResponse } from '../core/resolve-types.ts';
import { unknownIdMessage } from '../core/resolve.ts';
import type { Translate } from './card.ts';

/** What to tell someone whose text found no exact answer: never an error for what is simply not there. */
export interface NoMatch {
  /** What was searched and what came of it. */
  what: string;
  /** What to try next; absent when close matches are shown below. */
  hint?: string;
  /** `error` only for text that cannot be read at all (a malformed SecID); everything else is a plain note. */
  tone: 'note' | 'error';
}

/**
 * The message for `query` when it did not resolve (`response`, when it was looked up as an ID) and `matches` search
 * hits are shown. The resolver's own precise messages (`ML11 is not an item of …`, `Unknown type …`) are kept; its
 * generic "no source knows" becomes a sentence that says what was searched.
 */
export function noMatchMessage(args: {
  query: string;
  response?: ResolveResponse;
  matches: number;
  t: Translate;
}): NoMatch {
  const { query, response, matches, t } = args;
  const precise = response?.message && response.message !== unknownIdMessage(query) ? response.message : undefined;
  const what = precise ?? (response ? t('searchUnknownId', [query]) : t('searchNothing', [query]));
  const tone = response?.status === 'error' ? 'error' : 'note';
  return matches > 0 ? { what, tone } : { what, hint: t('searchTry'), tone };
}
