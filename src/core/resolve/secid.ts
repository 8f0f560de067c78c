/** Full and partial SecID strings: `secid:weakness/owasp/ml-top10@2023#ML01`, `secid:weakness/ML03`, `weakness/owasp`. */
import { nearest } from '../edit-distance.ts';
import { parseSecId, type ParseError, type SecId } from '../parse.ts';
import type { CompiledSource } from '../registry-types.ts';
import { SECID_TYPES, isSecIdType } from '../secid-types.ts';
import { answer, type Answer, type Outcome, type ResolveContext } from './context.ts';
import { resolveInSource } from './in-source.ts';
import { editionNotFound, readAsItemOf, unknownNamespace, unknownSource, unknownType } from './messages.ts';
import { combineMessages, entityResult, sortResults, sourceResult, typeResult, uniq } from './results.ts';

/** `q` starts with `secid:`. */
export function resolveSecId(ctx: ResolveContext, q: string): Answer {
  const parsed = parseSecId(q);
  if (!parsed.ok) return parseFailure(ctx, q, parsed.error);
  const id = parsed.value;
  if (id.namespace === undefined) return answer('found', [typeResult(ctx.registry, id.type)]);
  const split = splitNamespace(ctx, id);
  if (!split) return namespaceMiss(ctx, q, id);
  const { namespace, name } = split;
  if (name === '') return namespaceAnswer(ctx, id.type, namespace);
  const found = findSource(ctx, q, id, namespace, name);
  if (found.answer) return found.answer;
  return sourceAnswer(ctx, id, found.source, found.itemId);
}

/** The text after `secid:type/`, for readings the parser rejects or does not make. */
function afterType(q: string): { type: string; rest: string } | undefined {
  const m = /^secid:(?:\/\/)?([a-z]+)\/(.*)$/is.exec(q);
  return m ? { type: m[1]!.toLowerCase(), rest: m[2]! } : undefined;
}

function parseFailure(ctx: ResolveContext, q: string, error: ParseError): Answer {
  if (error.code === 'unknown-type') {
    const raw = /^secid:(?:\/\/)?([^/#?@]*)/i.exec(q)?.[1]?.toLowerCase() ?? '';
    return answer('not_found', [], unknownType(error.message, nearest(raw, SECID_TYPES)));
  }
  // `secid:advisory/RHSA-2024:1234`: an item where the namespace should be.
  const after = afterType(q);
  if (error.code === 'bad-namespace' && after && isSecIdType(after.type)) {
    const scoped = typeScoped(ctx, after.type, after.rest);
    if (scoped) return scoped;
  }
  return answer('error', [], error.message);
}

/** Longest registered namespace wins: `github.com/advisories/ghsa` is namespace `github.com/advisories`, name `ghsa`. */
function splitNamespace({ registry }: ResolveContext, id: SecId): { namespace: string; name: string } | undefined {
  const segments = [id.namespace!, ...(id.name ? id.name.split('/') : [])];
  for (let i = segments.length; i >= 1; i--) {
    const namespace = registry.namespaceFor(id.type, segments.slice(0, i).join('/'));
    if (namespace !== undefined) return { namespace, name: segments.slice(i).join('/') };
  }
  return undefined;
}

function namespaceMiss(ctx: ResolveContext, q: string, id: SecId): Answer {
  const { registry } = ctx;
  // `secid:weakness/ML03`, `secid:ttp/AML.T0015`: an item ID scoped to a type.
  if (id.name === undefined && id.subpath === undefined) {
    const raw = afterType(q)?.rest.split(/[#?]/, 1)[0] ?? '';
    const scoped = typeScoped(ctx, id.type, raw.replace(/@.*$/, ''), id.version);
    if (scoped) return scoped;
  }
  const near = nearest(id.namespace!, [...registry.namespacesOfType(id.type), ...registry.aliasesOfType(id.type)]);
  return answer('not_found', [], unknownNamespace(id.namespace!, id.type, near));
}

/** `secid:weakness/owasp`: the namespace's sources, or the entity when it has none. */
function namespaceAnswer({ registry }: ResolveContext, type: string, namespace: string): Answer {
  const sources = registry.sourcesIn(type, namespace);
  if ((type === 'entity' || sources.length === 0) && registry.entities.get(namespace))
    return answer('found', [entityResult(registry, namespace)]);
  return answer(
    'found',
    sources.map((s) => sourceResult(registry, s)),
  );
}

type FoundSource = { source: CompiledSource; itemId: string | undefined; answer?: undefined } | { answer: Answer };

/** The source `name` names in `namespace`, or the answer when no source has that name. */
function findSource(ctx: ResolveContext, q: string, id: SecId, namespace: string, name: string): FoundSource {
  const { registry } = ctx;
  const named = registry.sourceByName(id.type, namespace, name);
  if (named) return { source: named, itemId: id.subpath };
  // A namespace-level source whose names are its document IDs (`secid:reference/arxiv/2303.08774`).
  const sources = registry.sourcesIn(id.type, namespace);
  const nsSource = sources.find((s) => s.name === '');
  const rawName = rawNameOf(q) ?? name;
  if (nsSource && registry.matchPattern(nsSource, rawName, { fold: true }))
    return { source: nsSource, itemId: id.subpath !== undefined ? `${rawName}#${id.subpath}` : rawName };
  // `secid:weakness/owasp/ML03`: an item given where the source name should be.
  const corrected = sources
    .filter((s) => registry.matchPattern(s, rawName, { bareOnly: true, fold: true }))
    .flatMap(
      (source) =>
        (id.subpath === undefined
          ? resolveInSource(ctx, { source, rawId: rawName, versionLabel: id.version, quiet: true })
          : undefined) ?? [],
    )
    .filter((o) => o.status !== 'related');
  if (corrected.length > 0) {
    const results = corrected.flatMap((o) => o.results);
    const secids = uniq(results.map((r) => r.source_secid ?? ''));
    return { answer: answer('corrected', sortResults(results), readAsItemOf(rawName, secids)) };
  }
  if (sources.length === 0 && id.type === 'entity' && registry.entities.get(namespace))
    return { answer: answer('found', [entityResult(registry, namespace)]) };
  const near = nearest(
    name,
    sources.flatMap((s) => [s.name, ...s.nameAliases]),
  );
  return {
    answer: answer(
      'related',
      sources.map((s) => sourceResult(registry, s)),
      unknownSource(name, near, `${id.type}/${namespace}`),
    ),
  };
}

/** A known source: its edition check, then the source itself or the item in it. */
function sourceAnswer(ctx: ResolveContext, id: SecId, source: CompiledSource, itemId: string | undefined): Answer {
  const { registry } = ctx;
  if (id.version !== undefined && source.versions.length > 0 && !registry.version(source, id.version))
    return answer('not_found', [sourceResult(registry, source)], editionNotFound(id.version, source));
  if (itemId === undefined) return answer('found', [sourceResult(registry, source, id.version)]);
  return resolveInSource(ctx, { source, rawId: itemId, versionLabel: id.version, quiet: false })!;
}

/** The name segment as typed (case kept), for reading an item given where the name belongs. */
function rawNameOf(q: string): string | undefined {
  const m = /^secid:(?:\/\/)?[a-z]+\/[^/#?@]+\/([^#?@]+)/i.exec(q);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return m[1];
  }
}

/** `secid:weakness/ML03`: an item ID matched against every source of the type. */
function typeScoped(ctx: ResolveContext, type: string, raw: string, versionLabel?: string): Answer | undefined {
  const { registry } = ctx;
  const token = raw.trim();
  if (token === '') return undefined;
  const outcomes = registry
    .sourcesOfType(type)
    .filter((s) => registry.matchPattern(s, token, { bareOnly: true, fold: true }))
    .map((source) => resolveInSource(ctx, { source, rawId: token, versionLabel, quiet: true }))
    .filter((o): o is Outcome => o !== undefined && o.status !== 'related');
  if (outcomes.length === 0) return undefined;
  return answer('found', sortResults(outcomes.flatMap((o) => o.results)), combineMessages(outcomes));
}
