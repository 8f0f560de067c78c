/** Building result objects: an item, a source, an entity, a type; sorting and merging outcomes. */
import type { Registry, PatternMatch } from '../registry.ts';
import type { CompiledItem, CompiledSource, CompiledVersion } from '../registry-types.ts';
import type { RelatedRef, ResolveResult, SourceData } from '../resolve-types.ts';
import { httpUrl } from '../http-url.ts';
import { fillTemplate } from '../url-template.ts';
import { withYear } from '../year-by-number.ts';
import type { Outcome } from './context.ts';
import { namespaceListing } from './messages.ts';

function sourceSecId(source: CompiledSource, namespace: string, version?: string): string {
  return `secid:${source.type}/${namespace}${source.name ? `/${source.name}` : ''}${version !== undefined ? `@${version}` : ''}`;
}

/** The fields every result about a source carries: its names and its SecID without edition. */
function sourceFields(source: CompiledSource): Pick<ResolveResult, 'source_name' | 'source_short' | 'source_secid'> {
  return {
    source_name: source.fullName,
    source_secid: sourceSecId(source, source.namespace),
    ...(source.shortName ? { source_short: source.shortName } : {}),
  };
}

/** The edition a result shows: its label, its version and whether it is the current one. */
function setEdition(registry: Registry, source: CompiledSource, result: ResolveResult, edition: CompiledVersion): void {
  result.edition = edition.label;
  result.version = edition.v;
  result.current_edition = edition === registry.currentVersion(source);
}

/** One item of one source in one edition (or none), as found by a pattern match. */
export interface ItemFound {
  source: CompiledSource;
  itemId: string;
  edition: CompiledVersion | undefined;
  item: CompiledItem | undefined;
  match: PatternMatch;
  /** `#ML03/description`: the section asked for; the link still goes to the item. */
  section: string | undefined;
  /** Position among the editions answered: later ones weigh less. */
  index: number;
  /** Why this edition is listed first when the query named none. */
  guess: string | undefined;
  /** Put the edition into the SecID (per-edition sources, or an edition the query named). */
  withVersion: boolean;
}

export function itemResult(registry: Registry, found: ItemFound): ResolveResult {
  const { source, itemId, edition, item, section } = found;
  const v = found.withVersion ? edition?.v : undefined;
  // A namespace-level source's "name" is the document ID itself: secid:reference/arxiv/2303.08774.
  const tail = source.name === '' ? `/${itemId}` : `#${itemId}${section !== undefined ? `/${section}` : ''}`;
  const base = (ns: string) => `${sourceSecId(source, ns, v)}${tail}`;
  const result: ResolveResult = {
    secid: base(source.namespace),
    secid_v1: base(registry.v1Namespace(source.namespace)),
    weight: Math.max(0, source.weight - found.index * 10),
    id: itemId,
    ...sourceFields(source),
  };
  const url = itemUrl(found);
  if (url) result.url = url;
  if (item?.title) result.title = item.title;
  if (item?.description) result.description = item.description;
  const kind = item?.kind ?? registry.matchPattern(source, itemId)?.pattern.kind;
  if (kind) result.kind = kind;
  if (item?.unverified) result.unverified = true;
  // Sources whose items keep their meaning still name the edition on cards ("OWASP ML Top 10 (2023)").
  const shown = edition ?? registry.currentVersion(source);
  if (shown) setEdition(registry, source, result, shown);
  if (found.guess) result.guess = found.guess;
  if (item?.related?.length) result.related = relatedRefs(registry, item.related);
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

/** Each target once (a registry file may relate to an item under two kinds); titles and editions named. */
function relatedRefs(registry: Registry, rel: NonNullable<CompiledItem['related']>): RelatedRef[] {
  const seen = new Set<string>();
  const refs: RelatedRef[] = [];
  for (const r of rel) {
    if (seen.has(r.secid)) continue;
    seen.add(r.secid);
    const ref: RelatedRef = { ...r };
    const title = registry.titleOf(r.secid);
    if (title) ref.title = title;
    const edition = registry.editionOf(r.secid);
    if (edition) ref.edition = edition;
    refs.push(ref);
  }
  return refs;
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

function itemUrl({ source, itemId, edition, item, match }: ItemFound): string | undefined {
  if (item?.url) return httpUrl(item.url);
  const groups = withYear(match.pattern, match.groups);
  const fill = (template: string | undefined) =>
    template === undefined ? undefined : fillTemplate(template, itemId, { ...groups, version: edition?.v });
  // A pattern's own route that cannot be filled (no certain year) falls back to the source's lookup.
  return fill(match.pattern.url) ?? fill(edition?.lookup ?? source.lookup);
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

export function sourceResult(registry: Registry, source: CompiledSource, versionLabel?: string): ResolveResult {
  const version = versionLabel !== undefined ? registry.version(source, versionLabel) : undefined;
  const result: ResolveResult = {
    secid: sourceSecId(source, source.namespace, version?.v),
    secid_v1: sourceSecId(source, registry.v1Namespace(source.namespace), version?.v),
    weight: source.weight,
    title: source.fullName,
    ...sourceFields(source),
    data: sourceData(source),
  };
  const url = httpUrl(version?.url ?? source.urls.index ?? source.urls.website ?? '');
  if (url) result.url = url;
  if (version) setEdition(registry, source, result, version);
  return result;
}

export function entityResult(registry: Registry, namespace: string): ResolveResult {
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
  const url = httpUrl(entity.urls.website ?? '');
  if (url) result.url = url;
  return result;
}

export function typeResult(registry: Registry, type: string): ResolveResult {
  return {
    secid: `secid:${type}`,
    secid_v1: `secid:${type}`,
    weight: 100,
    title: type,
    description: namespaceListing(registry.namespacesOfType(type)),
  };
}

export function sortResults(results: ResolveResult[]): ResolveResult[] {
  // Stable: ties keep the order sources and editions were listed in.
  return results
    .map((r, i) => [r, i] as const)
    .sort((a, b) => b[0].weight - a[0].weight || a[1] - b[1])
    .map(([r]) => r);
}

export function combineMessages(outcomes: Outcome[]): string | undefined {
  const messages = uniq(outcomes.map((o) => o.message).filter((m): m is string => m !== undefined));
  return messages.length ? messages.join(' ') : undefined;
}

export function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
