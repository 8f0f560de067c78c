import type {
  CompiledEntity,
  CompiledItem,
  CompiledPattern,
  CompiledRegistry,
  CompiledSource,
  CompiledVersion,
  Relation,
} from './registry-types.ts';
import type { V1Store } from './v1/store.ts';

export interface PatternMatch {
  pattern: CompiledPattern;
  /** The ID in the registry's spelling (case corrected when the match was case-insensitive). */
  id: string;
  groups: Record<string, string>;
}

export interface ItemHit {
  item: CompiledItem;
  /** The edition the item belongs to; undefined when the source's items are shared by every edition. */
  version?: CompiledVersion;
}

interface CompiledRegExps {
  exact: RegExp;
  folded: RegExp;
}

const ANY_EDITION = '';

/** Read-only, indexed view of the compiled registry. Pure: no I/O, no browser API. */
export class Registry {
  readonly sources: readonly CompiledSource[];
  readonly entities: ReadonlyMap<string, CompiledEntity>;
  /** The imported SecID 1.0 registry, consulted for full SecIDs ours does not resolve (src/core/v1). */
  v1: V1Store | undefined;
  private readonly byKey = new Map<string, CompiledSource>();
  private readonly byType = new Map<string, CompiledSource[]>();
  private readonly aliasToNamespace = new Map<string, string>();
  private readonly regexps = new WeakMap<CompiledPattern, CompiledRegExps>();
  private readonly itemTables = new WeakMap<CompiledSource, Map<string, Map<string, CompiledItem>>>();

  constructor(readonly data: CompiledRegistry) {
    this.sources = data.sources;
    this.entities = new Map(data.entities.map((e) => [e.namespace, e]));
    for (const source of data.sources) {
      this.byKey.set(source.key, source);
      let list = this.byType.get(source.type);
      if (!list) this.byType.set(source.type, (list = []));
      list.push(source);
    }
    for (const entity of data.entities) {
      for (const alias of entity.aliases) this.aliasToNamespace.set(alias.toLowerCase(), entity.namespace);
    }
  }

  source(key: string): CompiledSource | undefined {
    return this.byKey.get(key);
  }

  sourcesOfType(type: string): readonly CompiledSource[] {
    return this.byType.get(type) ?? [];
  }

  sourcesIn(type: string, namespace: string): CompiledSource[] {
    return this.sourcesOfType(type).filter((s) => s.namespace === namespace);
  }

  namespacesOfType(type: string): string[] {
    const set = new Set(this.sourcesOfType(type).map((s) => s.namespace));
    if (type === 'entity') for (const ns of this.entities.keys()) set.add(ns);
    return [...set].sort();
  }

  /** Our namespace for `candidate`, which may be ours (`owasp`) or a SecID 1.0 alias (`owasp.org`, `github.com/advisories`). */
  namespaceFor(type: string, candidate: string): string | undefined {
    const known = this.namespacesOfType(type);
    if (known.includes(candidate)) return candidate;
    const aliased = this.aliasToNamespace.get(candidate);
    return aliased !== undefined && known.includes(aliased) ? aliased : undefined;
  }

  /** Every alias spelling (for suggestions). */
  aliasesOfType(type: string): string[] {
    const known = new Set(this.namespacesOfType(type));
    return [...this.aliasToNamespace].filter(([, ns]) => known.has(ns)).map(([alias]) => alias);
  }

  /** The SecID 1.0 namespace of one of ours: its first declared domain alias, else itself. */
  v1Namespace(namespace: string): string {
    return this.entities.get(namespace)?.aliases[0] ?? namespace;
  }

  sourceByName(type: string, namespace: string, name: string): CompiledSource | undefined {
    const lower = name.toLowerCase();
    return this.sourcesIn(type, namespace).find(
      (s) => s.name !== '' && (s.name === lower || s.nameAliases.includes(lower)),
    );
  }

  /** Sources anywhere whose name (or alias, or `namespace/name`) is `name`. */
  sourcesNamed(name: string): CompiledSource[] {
    const lower = name.toLowerCase();
    return this.sources.filter(
      (s) =>
        (s.name !== '' && (s.name === lower || s.nameAliases.includes(lower))) ||
        `${s.namespace}/${s.name}` === lower ||
        (s.name === '' && s.namespace === lower),
    );
  }

  private compiled(pattern: CompiledPattern): CompiledRegExps {
    let re = this.regexps.get(pattern);
    if (!re) {
      re = { exact: new RegExp(`^(?:${pattern.re})$`, 'u'), folded: new RegExp(`^(?:${pattern.re})$`, 'iu') };
      this.regexps.set(pattern, re);
    }
    return re;
  }

  /**
   * The first pattern of `source` that matches the whole `id`. Case-sensitive first; with `fold`, a case-insensitive
   * match is accepted and the ID is respelt as the registry spells it (its item table, else upper case).
   */
  matchPattern(
    source: CompiledSource,
    id: string,
    options: { fold?: boolean; bareOnly?: boolean } = {},
  ): PatternMatch | undefined {
    if (id.length > 256) return undefined;
    const candidates = options.bareOnly ? source.patterns.filter((p) => p.bare) : source.patterns;
    for (const pattern of candidates) {
      const m = this.compiled(pattern).exact.exec(id);
      if (m) return { pattern, id, groups: { ...m.groups } };
    }
    if (!options.fold) return undefined;
    const respelt = this.itemSpelling(source, id) ?? id.toUpperCase();
    for (const pattern of candidates) {
      if (!this.compiled(pattern).folded.test(id)) continue;
      const m = this.compiled(pattern).exact.exec(respelt);
      if (m) return { pattern, id: respelt, groups: { ...m.groups } };
    }
    return undefined;
  }

  private table(source: CompiledSource): Map<string, Map<string, CompiledItem>> {
    let table = this.itemTables.get(source);
    if (!table) {
      table = new Map();
      const add = (edition: string, items: readonly CompiledItem[]) => {
        const m = new Map<string, CompiledItem>();
        for (const item of items) m.set(item.id.toUpperCase(), item);
        table!.set(edition, m);
      };
      add(ANY_EDITION, source.items);
      for (const v of source.versions) if (v.items) add(v.v, v.items);
      this.itemTables.set(source, table);
    }
    return table;
  }

  private itemSpelling(source: CompiledSource, id: string): string | undefined {
    for (const m of this.table(source).values()) {
      const item = m.get(id.toUpperCase());
      if (item) return item.id;
    }
    return undefined;
  }

  /** True when the meaning of an ID depends on the edition (items are listed per edition). */
  hasEditionItems(source: CompiledSource): boolean {
    return source.versions.some((v) => v.items !== undefined);
  }

  /** The item `id` in `version` (or, without a version, in every edition that has it, in registry order). */
  findItems(source: CompiledSource, id: string, version?: CompiledVersion): ItemHit[] {
    const table = this.table(source);
    const key = id.toUpperCase();
    const hits: ItemHit[] = [];
    const shared = table.get(ANY_EDITION)?.get(key);
    if (shared) hits.push(version ? { item: shared, version } : { item: shared });
    for (const v of source.versions) {
      if (version && v !== version) continue;
      const item = v.items ? table.get(v.v)?.get(key) : undefined;
      if (item) hits.push({ item, version: v });
    }
    return hits;
  }

  /** The edition named `label` (its version, label or an alias; a leading "v" is optional). */
  version(source: CompiledSource, label: string): CompiledVersion | undefined {
    const norm = (s: string) => s.toLowerCase().replace(/^v(?=\d)/, '');
    const wanted = norm(label);
    return source.versions.find(
      (v) => norm(v.v) === wanted || norm(v.label) === wanted || v.aliases.some((a) => norm(a) === wanted),
    );
  }

  currentVersion(source: CompiledSource): CompiledVersion | undefined {
    return source.versions.find((v) => v.status === 'current') ?? source.versions[0];
  }

  /** Editions, current first, then newest first. */
  editionsByPreference(source: CompiledSource): CompiledVersion[] {
    const current = this.currentVersion(source);
    return [...source.versions].sort((a, b) => {
      if (a === current) return -1;
      if (b === current) return 1;
      return (b.date ?? '').localeCompare(a.date ?? '');
    });
  }

  /**
   * Adds items from a knowledge shard to a source (once per shard). An item the registry file lists itself keeps its
   * own fields; the shard only fills what it lacks.
   */
  addItems(key: string, items: readonly CompiledItem[], catalog?: string): void {
    const source = this.byKey.get(key);
    if (!source) return;
    const own = new Map(source.items.map((i) => [i.id.toUpperCase(), i]));
    for (const item of items) {
      const mine = own.get(item.id.toUpperCase());
      if (!mine) {
        source.items.push(item);
        own.set(item.id.toUpperCase(), item);
        continue;
      }
      for (const [k, v] of Object.entries(item) as [keyof CompiledItem, unknown][]) {
        if (k === 'related') for (const r of item.related ?? []) this.pushRelation(mine, r);
        else if (mine[k] === undefined) (mine as unknown as Record<string, unknown>)[k] = v;
      }
    }
    if (catalog && !source.catalog) source.catalog = catalog;
    this.itemTables.delete(source);
  }

  /** Adds a relation to the item `id` of source `key` (when both exist and it is not there yet). */
  addRelation(key: string, id: string, relation: Relation): void {
    const source = this.byKey.get(key);
    const item = source ? this.findItems(source, id)[0]?.item : undefined;
    if (item) this.pushRelation(item, relation);
  }

  private pushRelation(item: CompiledItem, relation: Relation): void {
    item.related ??= [];
    if (!item.related.some((r) => r.secid === relation.secid)) item.related.push({ ...relation });
  }

  /** The title of the item a SecID in our canonical form points to, for labelling relations. */
  titleOf(secid: string): string | undefined {
    const m = /^secid:([a-z]+)\/([^/#@?]+)\/([^#@?]+)(?:@([^#?]+))?(?:\?[^#]*)?#(.+)$/.exec(secid);
    if (!m) return undefined;
    const source = this.sourceByName(m[1]!, m[2]!, m[3]!);
    if (!source) return undefined;
    const version = m[4] !== undefined ? this.version(source, m[4]) : undefined;
    return this.findItems(source, m[5]!, version)[0]?.item.title;
  }

  /** The edition label (`2025`) a SecID names with `@version`, when its source knows that version. */
  editionOf(secid: string): string | undefined {
    const m = /^secid:([a-z]+)\/([^/#@?]+)\/([^#@?]+)@([^#?]+)/.exec(secid);
    if (!m) return undefined;
    const source = this.sourceByName(m[1]!, m[2]!, m[3]!);
    return source ? this.version(source, m[4]!)?.label : undefined;
  }
}
