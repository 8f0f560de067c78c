import { MAX_SECID_LENGTH } from './parse.ts';
import type { Registry } from './registry.ts';
import type { ResolveOptions, ResolveResponse } from './resolve-types.ts';
import { SECID_TYPES, isSecIdType } from './secid-types.ts';
import { withV1 } from './v1/merge.ts';
import { answer, type Answer, type ResolveContext } from './resolve/context.ts';
import { resolveBare } from './resolve/bare.ts';
import { EMPTY_QUERY, internalError, tooLong, typeListing } from './resolve/messages.ts';
import { typeResult } from './resolve/results.ts';
import { resolveSecId } from './resolve/secid.ts';

export { unknownIdMessage } from './resolve/messages.ts';
export type { ResolveOptions, ResolveResponse } from './resolve-types.ts';

/**
 * Resolve a SecID (`secid:weakness/owasp.org/ml-top10@2023#ML01`), a partial one (`ml-top10#ML03`,
 * `secid:weakness/ML03`) or a bare ID (`ML03`, `LLM01:2025`, `CVE-2024-3094`). Never throws.
 * Our registry answers first (src/core/resolve/); the imported SecID 1.0 registry adds to it (src/core/v1/merge.ts).
 */
export function resolve(registry: Registry, query: string, options: ResolveOptions = {}): ResolveResponse {
  const ours = resolveOurs({ registry, options }, query);
  return withV1(registry.v1, query, ours, {
    officialUrlWrong: (sourceSecid) => registry.source(sourceSecid.replace(/^secid:/, ''))?.officialUrlWrong,
  });
}

function resolveOurs(ctx: ResolveContext, query: string): ResolveResponse {
  let result: Answer;
  try {
    result = dispatch(ctx, query.trim());
  } catch (error) {
    result = answer('error', [], internalError(error));
  }
  return { query, secid_query: query, ...result };
}

/** Which reading the text gets: a SecID (with or without `secid:`), or a bare ID or source name. */
function dispatch(ctx: ResolveContext, q: string): Answer {
  if (q === '') return answer('error', [], EMPTY_QUERY);
  if (q.length > MAX_SECID_LENGTH) return answer('error', [], tooLong(q));
  if (/^secid:?\/*$/i.test(q))
    return answer(
      'found',
      SECID_TYPES.map((t) => typeResult(ctx.registry, t)),
      typeListing(SECID_TYPES.length),
    );
  if (/^secid:/i.test(q)) return resolveSecId(ctx, q);
  const head = q.split(/[/#?@]/, 1)[0]!.toLowerCase();
  if (isSecIdType(head) && /^[a-z]+\//i.test(q)) return resolveSecId(ctx, `secid:${q}`);
  return resolveBare(ctx, q);
}
