/** Bare IDs (`ML03`, `LLM01:2025`, `CVE-2024-3094`), source names (`cwe`) and `name#item` without type. */
import { nearest } from '../edit-distance.ts';
import type { ResolveStatus } from '../resolve-types.ts';
import { answer, type Answer, type Outcome, type ResolveContext } from './context.ts';
import { resolveInSource } from './in-source.ts';
import { editionNotFound, unknownIdMessage, unknownSource } from './messages.ts';
import { combineMessages, sortResults, sourceResult } from './results.ts';

const EDITION_SUFFIX = /^(.+?)[:@](v?\d+(?:\.\d+)*)$/i;

export function resolveBare(ctx: ResolveContext, q: string): Answer {
  const { registry } = ctx;
  // An ID as it stands (some contain `#`, such as CERT's VU#867593).
  const direct = bareOutcomes(ctx, q, undefined, false);
  if (direct.length > 0) return finish(direct, 'found');

  // `ml-top10#ML03`, `owasp/ml-top10#ML03`: a source name and an item, without type and namespace.
  const hash = q.indexOf('#');
  if (hash > 0) return resolveNamedItem(ctx, q.slice(0, hash), q.slice(hash + 1));

  // `LLM01:2025`, `A03:2021`, `ML01@2023`: an ID with its edition.
  const suffix = EDITION_SUFFIX.exec(q);
  if (suffix) {
    const withEdition = bareOutcomes(ctx, suffix[1]!, suffix[2]!, false);
    if (withEdition.length > 0) return finish(withEdition, 'found');
  }

  // A source by name: `cwe`, `atlas`, `llm-top10`.
  const named = registry.sourcesNamed(q);
  if (named.length > 0)
    return answer(
      'found',
      named.map((s) => sourceResult(registry, s)),
    );

  // Case-folded: `ml03`, `cve-2024-3094`.
  const folded = bareOutcomes(ctx, q, undefined, true);
  if (folded.length > 0) return finish(folded, 'corrected');
  if (suffix) {
    const foldedEdition = bareOutcomes(ctx, suffix[1]!, suffix[2]!, true);
    if (foldedEdition.length > 0) return finish(foldedEdition, 'corrected');
  }
  return answer('not_found', [], unknownIdMessage(q));
}

/** `ml-top10@2023#ML03`: `left` names the source (and edition), `itemId` the item. */
function resolveNamedItem(ctx: ResolveContext, left: string, itemId: string): Answer {
  const { registry } = ctx;
  const at = left.indexOf('@');
  const name = at >= 0 ? left.slice(0, at) : left;
  const versionLabel = at >= 0 ? left.slice(at + 1) : undefined;
  const sources = registry.sourcesNamed(name);
  if (sources.length === 0) {
    const names = registry.sources.flatMap((s) => (s.name ? [s.name, ...s.nameAliases] : []));
    return answer('not_found', [], unknownSource(name, nearest(name.toLowerCase(), names)));
  }
  const outcomes = sources.map((source): Outcome => {
    if (versionLabel !== undefined && source.versions.length > 0 && !registry.version(source, versionLabel)) {
      return {
        status: 'related',
        results: [sourceResult(registry, source)],
        message: editionNotFound(versionLabel, source),
      };
    }
    return resolveInSource(ctx, { source, rawId: itemId, versionLabel, quiet: false })!;
  });
  return finish(outcomes, 'found');
}

/** Every source whose bare pattern takes `token` (and that has the edition, when one is named). */
export function bareOutcomes(
  ctx: ResolveContext,
  token: string,
  versionLabel: string | undefined,
  fold: boolean,
): Outcome[] {
  const { registry } = ctx;
  const outcomes: Outcome[] = [];
  for (const source of registry.sources) {
    if (!registry.matchPattern(source, token, { bareOnly: true, fold })) continue;
    if (versionLabel !== undefined && !registry.version(source, versionLabel)) continue;
    const outcome = resolveInSource(ctx, { source, rawId: token, versionLabel, quiet: fold });
    if (outcome) outcomes.push(outcome);
  }
  return outcomes;
}

/** Outcomes of several sources as one answer: the good ones if any, otherwise what is related. */
function finish(outcomes: Outcome[], preferred: 'found' | 'corrected'): Answer {
  const good = outcomes.filter((o) => o.status !== 'related');
  const used = good.length > 0 ? good : outcomes;
  const results = sortResults(used.flatMap((o) => o.results));
  let status: ResolveStatus = good.length > 0 ? preferred : 'related';
  if (status === 'found' && good.some((o) => o.status === 'corrected')) status = 'corrected';
  return answer(status, results, combineMessages(used));
}
