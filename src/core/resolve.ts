import { nearest } from './edit-distance.ts';
import { MAX_SECID_LENGTH, parseSecId } from './parse.ts';
import type { Registry } from './registry.ts';
import type { CompiledItem, CompiledSource, CompiledVersion } from './registry-types.ts';
import type {
  RelatedRef,
  ResolveOptions,
  ResolveResponse,
  ResolveResult,
  ResolveStatus,
  SourceData,
} from './resolve-types.ts';
import { SECID_TYPES, isSecIdType } from './secid-types.ts';
import { fillTemplate, safeUrl } from './url-template.ts';
import { withYear } from './year-by-number.ts';
import { withV1 } from './v1/merge.ts';

/** The resolver's message when nothing at all knows the text; UIs replace it with their own, friendlier wording. */
export function unknownIdMessage(q: string): string {
  return `No source in the registry knows "${q}"`;
}

export type { ResolveOptions, ResolveResponse } from './resolve-types.ts';

interface Outcome {
  status: Exclude<ResolveStatus, 'error' | 'not_found'>;
  results: ResolveResult[];
  message?: string;
}

const EDITION_SUFFIX = /^(.+?)[:@](v?\d+(?:\.\d+)*)$/i;

/**
 * Resolve a SecID (`secid:weakness/owasp.org/ml-top10@2023#ML01`), a partial one (`ml-top10#ML03`,
 * `secid:weakness/ML03`) or a bare ID (`ML03`, `LLM01:2025`, `CVE-2024-3094`). Never throws.
 */
export function resolve(registry: Registry, query: string, options: ResolveOptions = {}): ResolveResponse {
  return withV1(registry.v1, query, resolveOurs(registry, query, options), {
    officialUrlWrong: (sourceSecid) => registry.source(sourceSecid.replace(/^secid:/, ''))?.officialUrlWrong,
  });
}

function resolveOurs(registry: Registry, query: string, options: ResolveOptions): ResolveResponse {
  const answer = (status: ResolveStatus, results: ResolveResult[], message?: string): ResolveResponse => {
    const response: ResolveResponse = { query, secid_query: query, status, results };
    if (message !== undefined) response.message = message;
    return response;
  };
  try {
    const q = query.trim();
    if (q === '')
      return answer(
        'error',
        [],
        'Empty query: type a SecID such as secid:weakness/owasp/ml-top10#ML01 or an ID such as CVE-2024-3094',
      );
    if (q.length > MAX_SECID_LENGTH)
      return answer('error', [], `Query too long: ${q.length} characters, at most ${MAX_SECID_LENGTH}`);
    if (/^secid:?\/*$/i.test(q)) {
      return answer(
        'found',
        SECID_TYPES.map((t) => typeResult(registry, t)),
        `The ${SECID_TYPES.length} SecID types`,
      );
    }
    if (/^secid:/i.test(q)) return resolveSecIdString(registry, q, options, answer);
    const head = q.split(/[/#?@]/, 1)[0]!.toLowerCase();
    if (isSecIdType(head) && /^[a-z]+\//i.test(q)) return resolveSecIdString(registry, `secid:${q}`, options, answer);
    return resolveBare(registry, q, options, answer);
  } catch (error) {
    return answer('error', [], `Internal error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

type Answer = (status: ResolveStatus, results: ResolveResult[], message?: string) => ResolveResponse;

function resolveSecIdString(registry: Registry, q: string, options: ResolveOptions, answer: Answer): ResolveResponse {
  const parsed = parseSecId(q);
  const afterType = /^secid:(?:\/\/)?([a-z]+)\/(.*)$/is.exec(q);
  if (!parsed.ok) {
    const { code, message } = parsed.error;
    if (code === 'unknown-type') {
      const raw = /^secid:(?:\/\/)?([^/#?@]*)/i.exec(q)?.[1]?.toLowerCase() ?? '';
      const near = nearest(raw, SECID_TYPES);
      return answer('not_found', [], `${message}${near.length ? `. Did you mean ${near.join(' or ')}?` : ''}`);
    }
    // `secid:advisory/RHSA-2024:1234`: an item where the namespace should be.
    if (code === 'bad-namespace' && afterType && isSecIdType(afterType[1]!.toLowerCase())) {
      const scoped = typeScoped(registry, afterType[1]!.toLowerCase(), afterType[2]!, options);
      if (scoped) return answer(scoped.status, scoped.results, scoped.message);
    }
    return answer('error', [], message);
  }
  const id = parsed.value;
  const type = id.type;
  if (id.namespace === undefined) {
    return answer('found', [typeResult(registry, type)], undefined);
  }

  // Longest registered namespace wins: `github.com/advisories/ghsa` is namespace `github.com/advisories`, name `ghsa`.
  const segments = [id.namespace, ...(id.name ? id.name.split('/') : [])];
  let namespace: string | undefined;
  let nameParts: string[] = [];
  for (let i = segments.length; i >= 1; i--) {
    const ns = registry.namespaceFor(type, segments.slice(0, i).join('/'));
    if (ns !== undefined) {
      namespace = ns;
      nameParts = segments.slice(i);
      break;
    }
  }
  const rawAfterType = afterType?.[2]?.split(/[#?]/, 1)[0] ?? '';
  if (namespace === undefined) {
    // `secid:weakness/ML03`, `secid:ttp/AML.T0015`: an item ID scoped to a type.
    if (id.name === undefined && id.subpath === undefined) {
      const scoped = typeScoped(registry, type, rawAfterType.replace(/@.*$/, ''), options, id.version);
      if (scoped) return answer(scoped.status, scoped.results, scoped.message);
    }
    const near = nearest(id.namespace, [...registry.namespacesOfType(type), ...registry.aliasesOfType(type)]);
    return answer(
      'not_found',
      [],
      `Unknown namespace "${id.namespace}" for type ${type}.${near.length ? ` Nearest known: ${near.join(', ')}.` : ''}`,
    );
  }

  const name = nameParts.join('/');
  if (name === '') {
    const sources = registry.sourcesIn(type, namespace);
    if (type === 'entity' || sources.length === 0) {
      const entity = registry.entities.get(namespace);
      if (entity) return answer('found', [entityResult(registry, namespace)]);
    }
    return answer(
      'found',
      sources.map((s) => sourceResult(registry, s)),
      undefined,
    );
  }

  let source = registry.sourceByName(type, namespace, name);
  let itemId = id.subpath;
  if (!source) {
    // A namespace-level source whose names are its document IDs (`secid:reference/arxiv/2303.08774`).
    const nsSource = registry.sourcesIn(type, namespace).find((s) => s.name === '');
    const rawName = rawNameOf(q) ?? name;
    if (nsSource && registry.matchPattern(nsSource, rawName, { fold: true })) {
      source = nsSource;
      itemId = id.subpath !== undefined ? `${rawName}#${id.subpath}` : rawName;
    } else {
      // `secid:weakness/owasp/ML03`: an item given where the source name should be.
      const corrected = registry
        .sourcesIn(type, namespace)
        .filter((s) => registry.matchPattern(s, rawName, { bareOnly: true, fold: true }))
        .flatMap(
          (s) =>
            (id.subpath === undefined ? resolveInSource(registry, s, rawName, id.version, options, true) : undefined) ??
            [],
        )
        .filter((o) => o.status !== 'related');
      if (corrected.length > 0) {
        const results = corrected.flatMap((o) => o.results);
        return answer(
          'corrected',
          sortResults(results),
          `Read "${rawName}" as an item of ${uniq(results.map((r) => r.source_secid ?? '')).join(', ')}`,
        );
      }
      const names = registry.sourcesIn(type, namespace).flatMap((s) => [s.name, ...s.nameAliases]);
      const near = nearest(name, names);
      const sources = registry.sourcesIn(type, namespace);
      if (sources.length === 0 && type === 'entity' && registry.entities.get(namespace)) {
        return answer('found', [entityResult(registry, namespace)], undefined);
      }
      return answer(
        'related',
        sources.map((s) => sourceResult(registry, s)),
        `Unknown source "${name}" in ${type}/${namespace}.${near.length ? ` Nearest known: ${near.join(', ')}.` : ''}`,
      );
    }
  }

  if (id.version !== undefined && source.versions.length > 0 && !registry.version(source, id.version)) {
    return answer(
      'not_found',
      [sourceResult(registry, source)],
      `Edition "${id.version}" of ${source.fullName} not found. Available: ${source.versions.map((v) => editionName(v)).join(', ')}`,
    );
  }
  if (itemId === undefined) {
    const result = sourceResult(registry, source, id.version);
    return answer('found', [result]);
  }
  const outcome = resolveInSource(registry, source, itemId, id.version, options, false)!;
  return answer(outcome.status, outcome.results, outcome.message);
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

function typeScoped(
  registry: Registry,
  type: string,
  raw: string,
  options: ResolveOptions,
  version?: string,
): Outcome | undefined {
  const token = raw.trim();
  if (token === '') return undefined;
  const outcomes = registry
    .sourcesOfType(type)
    .filter((s) => registry.matchPattern(s, token, { bareOnly: true, fold: true }))
    .map((s) => resolveInSource(registry, s, token, version, options, true))
    .filter((o): o is Outcome => o !== undefined && o.status !== 'related');
  if (outcomes.length === 0) return undefined;
  const results = sortResults(outcomes.flatMap((o) => o.results));
  return { status: 'found', results, message: combineMessages(outcomes) };
}

function resolveBare(registry: Registry, q: string, options: ResolveOptions, answer: Answer): ResponseLike {
  // An ID as it stands (some contain `#`, such as CERT's VU#867593).
  const direct = bareOutcomes(registry, q, undefined, options, false);
  if (direct.length > 0) return finish(answer, direct, 'found');

  // `ml-top10#ML03`, `owasp/ml-top10#ML03`: a source name and an item, without type and namespace.
  const hash = q.indexOf('#');
  if (hash > 0) {
    const left = q.slice(0, hash);
    const at = left.indexOf('@');
    const name = at >= 0 ? left.slice(0, at) : left;
    const version = at >= 0 ? left.slice(at + 1) : undefined;
    const sources = registry.sourcesNamed(name);
    if (sources.length === 0) {
      const near = nearest(
        name.toLowerCase(),
        registry.sources.flatMap((s) => (s.name ? [s.name, ...s.nameAliases] : [])),
      );
      return answer(
        'not_found',
        [],
        `Unknown source "${name}".${near.length ? ` Nearest known: ${near.join(', ')}.` : ''}`,
      );
    }
    const outcomes = sources.map((s) => {
      if (version !== undefined && s.versions.length > 0 && !registry.version(s, version)) {
        return {
          status: 'related' as const,
          results: [sourceResult(registry, s)],
          message: `Edition "${version}" of ${s.fullName} not found. Available: ${s.versions.map(editionName).join(', ')}`,
        };
      }
      return resolveInSource(registry, s, q.slice(hash + 1), version, options, false)!;
    });
    return finish(answer, outcomes, 'found');
  }

  // `LLM01:2025`, `A03:2021`, `ML01@2023`: an ID with its edition.
  const suffix = EDITION_SUFFIX.exec(q);
  if (suffix) {
    const withEdition = bareOutcomes(registry, suffix[1]!, suffix[2]!, options, false);
    if (withEdition.length > 0) return finish(answer, withEdition, 'found');
  }

  // A source by name: `cwe`, `atlas`, `llm-top10`.
  const named = registry.sourcesNamed(q);
  if (named.length > 0)
    return answer(
      'found',
      named.map((s) => sourceResult(registry, s)),
    );

  // Case-folded: `ml03`, `cve-2024-3094`.
  const folded = bareOutcomes(registry, q, undefined, options, true);
  if (folded.length > 0) return finish(answer, folded, 'corrected');
  if (suffix) {
    const foldedEdition = bareOutcomes(registry, suffix[1]!, suffix[2]!, options, true);
    if (foldedEdition.length > 0) return finish(answer, foldedEdition, 'corrected');
  }
  return answer('not_found', [], unknownIdMessage(q));
}

type ResponseLike = ResolveResponse;

function bareOutcomes(
  registry: Registry,
  token: string,
  version: string | undefined,
  options: ResolveOptions,
  fold: boolean,
): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const source of registry.sources) {
    if (!registry.matchPattern(source, token, { bareOnly: true, fold })) continue;
    if (version !== undefined && !registry.version(source, version)) continue;
    const outcome = resolveInSource(registry, source, token, version, options, fold);
    if (outcome) outcomes.push(outcome);
  }
  return outcomes;
}

function finish(answer: Answer, outcomes: Outcome[], preferred: 'found' | 'corrected'): ResolveResponse {
  const good = outcomes.filter((o) => o.status !== 'related');
  const used = good.length > 0 ? good : outcomes;
  const results = sortResults(used.flatMap((o) => o.results));
  let status: ResolveStatus = good.length > 0 ? preferred : 'related';
  if (status === 'found' && good.some((o) => o.status === 'corrected')) status = 'corrected';
  return answer(status, results, combineMessages(used));
}

function combineMessages(outcomes: Outcome[]): string | undefined {
  const messages = uniq(outcomes.map((o) => o.message).filter((m): m is string => m !== undefined));
  return messages.length ? messages.join(' ') : undefined;
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function sortResults(results: ResolveResult[]): ResolveResult[] {
  // Stable: ties keep the order sources and editions were listed in.
  return results
    .map((r, i) => [r, i] as const)
    .sort((a, b) => b[0].weight - a[0].weight || a[1] - b[1])
    .map(([r]) => r);
}

/**
 * Resolve `rawId` inside one source. Undefined when `rawId` does not even look like an ID of the source and
 * `quiet` is set (used when trying many sources); otherwise a `related` outcome describes the source.
 */
function resolveInSource(
  registry: Registry,
  source: CompiledSource,
  rawId: string,
  versionLabel: string | undefined,
  options: ResolveOptions,
  quiet: boolean,
): Outcome | undefined {
  const version = versionLabel !== undefined ? registry.version(source, versionLabel) : undefined;
  let section: string | undefined;
  let corrected = false;
  let match = registry.matchPattern(source, rawId);
  // `#ML03/description`, `#CWE-79/potential-mitigations`: a section of an item; `#RHSA-2024:1234#CVE-...`: old nesting.
  if (!match) {
    const cut = rawId.search(/[/#]/);
    if (cut > 0) {
      match = registry.matchPattern(source, rawId.slice(0, cut));
      if (match) section = rawId.slice(cut + 1);
    }
  }
  if (!match) {
    match = registry.matchPattern(source, rawId, { fold: true });
    corrected = match !== undefined;
  }
  if (!match) {
    if (quiet) return undefined;
    return {
      status: 'related',
      results: [sourceResult(registry, source, versionLabel)],
      message: `"${rawId}" is not an ID of ${source.fullName} (IDs look like ${source.examples.map(exampleItem).filter(Boolean).slice(0, 2).join(', ') || source.patterns.map((p) => p.re).join(' or ')})`,
    };
  }
  const itemId = match.id;

  // Which editions to answer with.
  const perEdition = registry.hasEditionItems(source);
  let editions: (CompiledVersion | undefined)[];
  let guess: string | undefined;
  if (version) editions = [version];
  else if (perEdition) {
    const having = registry
      .editionsByPreference(source)
      .filter((v) => registry.findItems(source, itemId, v).length > 0);
    if (having.length === 0) {
      // Matches the pattern but no edition lists it (an open list): answer for the current edition, without item data.
      editions = [registry.currentVersion(source)];
    } else {
      const ordered = orderEditions(registry, source, having, options);
      guess = ordered.reason;
      editions = source.unversioned === 'all' ? ordered.editions : ordered.editions.slice(0, 1);
    }
  } else editions = [undefined];

  const hits = editions.map((v) => ({ v, hit: registry.findItems(source, itemId, v)[0] }));
  const known = hits.filter((h) => h.hit !== undefined);

  if (source.closed && known.length === 0) {
    const scope = version ? `${shortName(source)} (${editionName(version)})` : shortName(source);
    const items = (
      version?.items ?? (source.items.length ? source.items : (registry.currentVersion(source)?.items ?? []))
    ).map((i) => i.id);
    const span = items.length ? `, which has ${items[0]}–${items[items.length - 1]}` : '';
    const zeroless = itemId.replace(/^([A-Za-z]+)0(\d)$/, '$1$2');
    const padded = itemId.replace(/^([A-Za-z]+)(\d)$/, '$10$2');
    const hint =
      items.includes(zeroless) && zeroless !== itemId
        ? ` Did you mean ${zeroless}?`
        : items.includes(padded) && padded !== itemId
          ? ` Did you mean ${padded}?`
          : '';
    return {
      status: 'related',
      results: [sourceResult(registry, source, versionLabel)],
      message: `${itemId} is not an item of ${scope}${span}.${hint}`,
    };
  }

  const used = source.closed ? known : hits;
  const results = used.map(({ v, hit }, index) =>
    itemResult(
      registry,
      source,
      itemId,
      v,
      hit?.item,
      match.pattern.url,
      withYear(match.pattern, match.groups),
      section,
      index,
      index === 0 ? guess : undefined,
      perEdition || versionLabel !== undefined,
    ),
  );
  let message: string | undefined;
  if (used.length > 1) {
    const labels = used
      .map(({ v }) => (v ? `${editionName(v)}${v === registry.currentVersion(source) ? ' (current)' : ''}` : ''))
      .join(', ');
    const other = used[1]?.v;
    const pick = other ? (/^\d{4}$/.test(other.label) ? `${itemId}:${other.label}` : `@${other.v}`) : '';
    message =
      `${itemId} means different things in ${used.length} editions of ${shortName(source)}: ${labels}. ${guess ?? ''} Add the edition (${pick}) to pick one.`
        .replace(/\s+/g, ' ')
        .trim();
  }
  if (section !== undefined)
    message = [message, `Section "${section}" has no page of its own; the link goes to ${itemId}.`]
      .filter(Boolean)
      .join(' ');
  return { status: corrected ? 'corrected' : 'found', results, ...(message !== undefined ? { message } : {}) };
}

function orderEditions(
  registry: Registry,
  source: CompiledSource,
  editions: CompiledVersion[],
  options: ResolveOptions,
): { editions: CompiledVersion[]; reason?: string } {
  if (editions.length === 0) return { editions };
  const moveFirst = (v: CompiledVersion | undefined, reason: string) =>
    v && editions.includes(v) ? { editions: [v, ...editions.filter((e) => e !== v)], reason } : undefined;
  const preferred = options.preferredEditions?.[source.key];
  const byPreference =
    preferred !== undefined
      ? moveFirst(registry.version(source, preferred), 'Your default edition for this list.')
      : undefined;
  if (byPreference) return byPreference;
  const context = options.contextEdition !== undefined ? registry.version(source, options.contextEdition) : undefined;
  const byContext = moveFirst(context, `The text nearby mentions ${options.contextEdition}.`);
  if (byContext) return byContext;
  const first = editions[0]!;
  if (editions.length === 1) {
    return {
      editions,
      reason:
        first === registry.currentVersion(source) ? undefined : `Only the ${editionName(first)} edition has this ID.`,
    };
  }
  return {
    editions,
    reason:
      first === registry.currentVersion(source)
        ? 'No edition given: the current one is listed first.'
        : 'No edition given: the newest one is listed first.',
  };
}

function exampleItem(example: string): string {
  const i = example.indexOf('#');
  return i >= 0 ? example.slice(i + 1) : '';
}

function shortName(source: CompiledSource): string {
  return source.shortName ?? source.fullName;
}

function editionName(v: CompiledVersion): string {
  return v.label;
}

function sourceSecId(source: CompiledSource, namespace: string, version?: string): string {
  return `secid:${source.type}/${namespace}${source.name ? `/${source.name}` : ''}${version !== undefined ? `@${version}` : ''}`;
}

function itemResult(
  registry: Registry,
  source: CompiledSource,
  itemId: string,
  version: CompiledVersion | undefined,
  item: CompiledItem | undefined,
  patternUrl: string | undefined,
  groups: Record<string, string | undefined>,
  section: string | undefined,
  index: number,
  guess: string | undefined,
  withVersion: boolean,
): ResolveResult {
  const v = withVersion ? version?.v : undefined;
  // A namespace-level source's "name" is the document ID itself: secid:reference/arxiv/2303.08774.
  const tail = source.name === '' ? `/${itemId}` : `#${itemId}${section !== undefined ? `/${section}` : ''}`;
  const base = (ns: string) => `${sourceSecId(source, ns, v)}${tail}`;
  const result: ResolveResult = {
    secid: base(source.namespace),
    secid_v1: base(registry.v1Namespace(source.namespace)),
    weight: Math.max(0, source.weight - index * 10),
    id: itemId,
    source: source.fullName,
    source_secid: sourceSecId(source, source.namespace),
  };
  if (source.shortName) result.source_short = source.shortName;
  const url = itemUrl(source, itemId, version, item, patternUrl, groups);
  if (url) result.url = url;
  if (item?.title) result.title = item.title;
  if (item?.desc) result.description = item.desc;
  const kind = item?.kind ?? registry.matchPattern(source, itemId)?.pattern.kind;
  if (kind) result.kind = kind;
  if (item?.unverified) result.unverified = true;
  // Sources whose items keep their meaning still name the edition on cards ("OWASP ML Top 10 (2023)").
  const shown = version ?? registry.currentVersion(source);
  if (shown) {
    result.edition = shown.label;
    result.version = shown.v;
    result.current_edition = shown === registry.currentVersion(source);
  }
  if (guess) result.guess = guess;
  if (item?.rel?.length) {
    // Each target once (a registry file may relate to an item under two kinds); editions named.
    const seen = new Set<string>();
    result.related = [];
    for (const r of item.rel) {
      if (seen.has(r.secid)) continue;
      seen.add(r.secid);
      const ref: RelatedRef = { ...r };
      const title = registry.titleOf(r.secid);
      if (title) ref.title = title;
      const edition = registry.editionOf(r.secid);
      if (edition) ref.edition = edition;
      result.related.push(ref);
    }
  }
  if (source.catalog && item) result.catalog = source.catalog;
  if (item?.facts?.length) result.facts = item.facts.map(([label, value]) => ({ label, value }));
  if (item?.status) result.item_status = item.status;
  if (item?.replacedBy) {
    const title = registry.titleOf(item.replacedBy);
    result.replaced_by = title ? { secid: item.replacedBy, title } : { secid: item.replacedBy };
  }
  markKnownExploited(registry, result);
  return result;
}

const KEV_SOURCE = 'advisory/cisa/kev';

/** A CVE in CISA's KEV catalogue (when that shard is loaded) says so on every card, and takes its KEV name as title. */
function markKnownExploited(registry: Registry, result: ResolveResult): void {
  if (!result.id || !/^CVE-\d{4}-\d{4,}$/.test(result.id)) return;
  const kev = registry.source(KEV_SOURCE);
  const entry = kev ? registry.findItems(kev, result.id)[0]?.item.exploited : undefined;
  if (!entry) return;
  result.known_exploited = {
    name: entry.name,
    vendor: entry.vendor,
    product: entry.product,
    ...(entry.dateAdded ? { date_added: entry.dateAdded } : {}),
    ransomware: entry.ransomware,
  };
  result.title ??= entry.name;
}

function itemUrl(
  source: CompiledSource,
  itemId: string,
  version: CompiledVersion | undefined,
  item: CompiledItem | undefined,
  patternUrl: string | undefined,
  groups: Record<string, string | undefined>,
): string | undefined {
  if (item?.url) return safeUrl(item.url);
  const fill = (template: string | undefined) =>
    template === undefined ? undefined : fillTemplate(template, itemId, { ...groups, version: version?.v });
  // A pattern's own route that cannot be filled (no certain year) falls back to the source's lookup.
  return fill(patternUrl) ?? fill(version?.lookup ?? source.lookup);
}

function editionsOf(source: CompiledSource) {
  return source.versions.map((v) => ({
    version: v.v,
    label: v.label,
    ...(v.date ? { release_date: v.date } : {}),
    status: v.status,
  }));
}

function sourceData(source: CompiledSource): SourceData {
  const data: SourceData = {
    official_name: source.fullName,
    description: source.description,
    urls: source.urls,
    patterns: source.patterns.map((p) => (p.kind ? { pattern: p.re, kind: p.kind } : { pattern: p.re })),
    examples: source.examples,
  };
  if (source.shortName) data.common_name = source.shortName;
  if (source.versions.length) data.versions_available = editionsOf(source);
  const count = source.items.length + source.versions.reduce((n, v) => n + (v.items?.length ?? 0), 0);
  if (count) data.item_count = count;
  if (source.catalog) data.catalog = source.catalog;
  return data;
}

function sourceResult(registry: Registry, source: CompiledSource, versionLabel?: string): ResolveResult {
  const version = versionLabel !== undefined ? registry.version(source, versionLabel) : undefined;
  const result: ResolveResult = {
    secid: sourceSecId(source, source.namespace, version?.v),
    secid_v1: sourceSecId(source, registry.v1Namespace(source.namespace), version?.v),
    weight: source.weight,
    title: source.fullName,
    source: source.fullName,
    source_secid: sourceSecId(source, source.namespace),
    data: sourceData(source),
  };
  if (source.shortName) result.source_short = source.shortName;
  const url = safeUrl(version?.url ?? source.urls.index ?? source.urls.website ?? '');
  if (url) result.url = url;
  if (version) {
    result.edition = version.label;
    result.version = version.v;
    result.current_edition = version === registry.currentVersion(source);
  }
  return result;
}

function entityResult(registry: Registry, namespace: string): ResolveResult {
  const entity = registry.entities.get(namespace)!;
  const result: ResolveResult = {
    secid: `secid:entity/${namespace}`,
    secid_v1: `secid:entity/${registry.v1Namespace(namespace)}`,
    weight: 100,
    title: entity.fullName,
    description: entity.description,
    data: {
      official_name: entity.fullName,
      description: entity.description,
      urls: entity.urls,
      patterns: [],
      examples: [],
    },
  };
  if (entity.shortName) result.data!.common_name = entity.shortName;
  const url = safeUrl(entity.urls.website ?? '');
  if (url) result.url = url;
  return result;
}

function typeResult(registry: Registry, type: string): ResolveResult {
  const namespaces = registry.namespacesOfType(type);
  return {
    secid: `secid:${type}`,
    secid_v1: `secid:${type}`,
    weight: 100,
    title: type,
    description: `${namespaces.length} namespaces: ${namespaces.join(', ')}`,
  };
}
