/** Resolving an item ID inside one known source: which editions answer, closed-list misses, sections. */
import type { PatternMatch } from '../registry.ts';
import type { CompiledSource, CompiledVersion } from '../registry-types.ts';
import type { ResolveContext, Outcome } from './context.ts';
import { EDITION_GUESS, editionsDiffer, notAnId, notAnItem, sectionNote } from './messages.ts';
import { itemResult, sourceResult } from './results.ts';

export interface InSourceQuery {
  source: CompiledSource;
  rawId: string;
  /** The edition the query named (`@2023`, `:2025`), if any. */
  versionLabel?: string | undefined;
  /** Undefined instead of a `related` outcome when `rawId` does not look like an ID of the source (trying many). */
  quiet: boolean;
}

/**
 * Resolve `rawId` inside one source. Undefined when `rawId` does not even look like an ID of the source and
 * `quiet` is set; otherwise a `related` outcome describes the source.
 */
export function resolveInSource(ctx: ResolveContext, query: InSourceQuery): Outcome | undefined {
  const { registry } = ctx;
  const { source, rawId, versionLabel } = query;
  const matched = matchItem(ctx, source, rawId);
  if (!matched) {
    if (query.quiet) return undefined;
    return {
      status: 'related',
      results: [sourceResult(registry, source, versionLabel)],
      message: notAnId(rawId, source),
    };
  }
  const { match, section, corrected } = matched;
  const itemId = match.id;
  const version = versionLabel !== undefined ? registry.version(source, versionLabel) : undefined;
  const perEdition = registry.hasEditionItems(source);
  const { editions, guess } = editionsToAnswer(ctx, source, itemId, version);

  const hits = editions.map((v) => ({ v, hit: registry.findItems(source, itemId, v)[0] }));
  const known = hits.filter((h) => h.hit !== undefined);

  if (source.closed && known.length === 0) return closedListMiss(ctx, query, itemId, version);

  const used = source.closed ? known : hits;
  const results = used.map(({ v, hit }, index) =>
    itemResult(registry, {
      source,
      itemId,
      edition: v,
      item: hit?.item,
      match,
      section,
      index,
      guess: index === 0 ? guess : undefined,
      withVersion: perEdition || versionLabel !== undefined,
    }),
  );
  const messages: string[] = [];
  if (used.length > 1) {
    const current = registry.currentVersion(source);
    const labels = used.map(({ v }) => (v ? `${v.label}${v === current ? ' (current)' : ''}` : ''));
    messages.push(editionsDiffer({ itemId, source, labels, second: used[1]?.v, guess }));
  }
  if (section !== undefined) messages.push(sectionNote(section, itemId));
  const message = messages.filter(Boolean).join(' ');
  return { status: corrected ? 'corrected' : 'found', results, ...(message ? { message } : {}) };
}

/** An ID of the right shape that a closed list (ML01–ML10) does not have: the list, and the nearest spelling it has. */
function closedListMiss(
  { registry }: ResolveContext,
  { source, versionLabel }: InSourceQuery,
  itemId: string,
  version: CompiledVersion | undefined,
): Outcome {
  const items = (
    version?.items ?? (source.items.length ? source.items : (registry.currentVersion(source)?.items ?? []))
  ).map((i) => i.id);
  return {
    status: 'related',
    results: [sourceResult(registry, source, versionLabel)],
    message: notAnItem(itemId, source, version, items),
  };
}

/** The pattern match for `rawId`: as typed, then without a section (`#ML03/description`), then case-folded. */
function matchItem(
  { registry }: ResolveContext,
  source: CompiledSource,
  rawId: string,
): { match: PatternMatch; section?: string; corrected: boolean } | undefined {
  const exact = registry.matchPattern(source, rawId);
  if (exact) return { match: exact, corrected: false };
  // `#ML03/description`, `#CWE-79/potential-mitigations`: a section of an item; `#RHSA-2024:1234#CVE-...`: old nesting.
  const cut = rawId.search(/[/#]/);
  if (cut > 0) {
    const head = registry.matchPattern(source, rawId.slice(0, cut));
    if (head) return { match: head, section: rawId.slice(cut + 1), corrected: false };
  }
  const folded = registry.matchPattern(source, rawId, { fold: true });
  return folded ? { match: folded, corrected: true } : undefined;
}

/** Which editions to answer with, and why the first is first when the query named none. */
function editionsToAnswer(
  ctx: ResolveContext,
  source: CompiledSource,
  itemId: string,
  version: CompiledVersion | undefined,
): { editions: (CompiledVersion | undefined)[]; guess?: string | undefined } {
  const { registry } = ctx;
  if (version) return { editions: [version] };
  if (!registry.hasEditionItems(source)) return { editions: [undefined] };
  const having = registry.editionsByPreference(source).filter((v) => registry.findItems(source, itemId, v).length > 0);
  // Matches the pattern but no edition lists it (an open list): answer for the current edition, without item data.
  if (having.length === 0) return { editions: [registry.currentVersion(source)] };
  const ordered = orderEditions(ctx, source, having);
  return {
    editions: source.unversioned === 'all' ? ordered.editions : ordered.editions.slice(0, 1),
    guess: ordered.reason,
  };
}

function orderEditions(
  { registry, options }: ResolveContext,
  source: CompiledSource,
  editions: CompiledVersion[],
): { editions: CompiledVersion[]; reason?: string | undefined } {
  const moveFirst = (v: CompiledVersion | undefined, reason: string) =>
    v && editions.includes(v) ? { editions: [v, ...editions.filter((e) => e !== v)], reason } : undefined;
  const preferred = options.preferredEditions?.[source.key];
  const byPreference =
    preferred !== undefined ? moveFirst(registry.version(source, preferred), EDITION_GUESS.preferred) : undefined;
  if (byPreference) return byPreference;
  const context = options.contextEdition !== undefined ? registry.version(source, options.contextEdition) : undefined;
  const byContext = moveFirst(context, EDITION_GUESS.context(options.contextEdition ?? ''));
  if (byContext) return byContext;
  const first = editions[0]!;
  const isCurrent = first === registry.currentVersion(source);
  if (editions.length === 1) return { editions, reason: isCurrent ? undefined : EDITION_GUESS.only(first.label) };
  return { editions, reason: isCurrent ? EDITION_GUESS.current : EDITION_GUESS.newest };
}
