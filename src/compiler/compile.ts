import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import matter from 'gray-matter';
import type { z } from 'zod';
import { detectorBranches } from '../core/detect.ts';
import { parseSecId } from '../core/parse.ts';
import { Registry } from '../core/registry.ts';
import type {
  CompiledEntity,
  CompiledItem,
  CompiledPattern,
  CompiledRegistry,
  CompiledSource,
  CompiledVersion,
  DetectFamily,
  Relation,
  RelationKind,
} from '../core/registry-types.ts';
import { resolve } from '../core/resolve.ts';
import { loadCweCatalog } from './cwe-catalog.ts';
import { familyCue } from './family-cue.ts';
import { compileAliases } from './kb/aliases.ts';
import { checkShards, readShards, type ShardTexts } from './kb/shards.ts';
import { VerdictStore, type RedosVerdict } from './redos.ts';
import { entitySchema, sourceSchema, type ItemFrontMatter, type SourceFrontMatter } from './schema.ts';

export interface Problem {
  file: string;
  field: string;
  reason: string;
}

export interface CompileResult {
  registry: CompiledRegistry;
  problems: Problem[];
  files: number;
  /** Knowledge shards (registry/data/<name>.tsv), checked; written beside registry.json, loaded on demand. */
  shards: ShardTexts;
}

export interface CompileOptions {
  /** Skip the ReDoS proof; validation and the build always run it. */
  skipRedos?: boolean;
  /** Where ReDoS verdicts come from and go to (default: the committed verdict file, read only). */
  redos?: VerdictStore;
}

/** A verdict, or the checker's own failure (its guard fired) as an unprovable verdict with the reason. */
function checkOrExplain(redos: VerdictStore, pattern: string): RedosVerdict {
  try {
    return redos.check(pattern);
  } catch (error) {
    return { safe: false, status: 'unprovable', reason: (error as Error).message };
  }
}

function redosReason(verdict: RedosVerdict): string {
  if (verdict.status === 'unprovable')
    return `pattern cannot be proved free of catastrophic backtracking: ${verdict.reason ?? 'unknown reason'}`;
  const complexity = verdict.complexity ? `, ${verdict.complexity}` : '';
  const attack = verdict.attack ? `, attack ${JSON.stringify(verdict.attack.slice(0, 40))}` : '';
  return `pattern may backtrack catastrophically (recheck: ${verdict.status}${complexity}${attack})`;
}

const INVERSE: Record<RelationKind, RelationKind> = {
  related_to: 'related_to',
  maps_to: 'related_to',
  exploits: 'exploited_by',
  exploited_by: 'exploits',
  same_as: 'same_as',
  parent_of: 'child_of',
  child_of: 'parent_of',
};

/** Registry files: every .md below `dir` except README.md files. Sorted, so output is deterministic. */
export function registryFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.md') && !/(^|[/\\])README\.md$/i.test(f))
    .map((f) => f.split(sep).join('/'))
    .sort();
}

/** A pattern with every capturing group made non-capturing, so it can sit inside the combined detector pattern. */
export function withoutCaptures(pattern: string): string {
  return pattern.replace(/\\.|\[(?:\\.|[^\]\\])*\]|\((?!\?)|\(\?<(?![=!])[^>]+>/g, (m) =>
    m === '(' || m.startsWith('(?<') ? '(?:' : m,
  );
}

/** First paragraph of a Markdown body, as plain text. */
export function firstParagraph(body: string): string {
  const paragraphs = body.replace(/\r\n/g, '\n').split(/\n\s*\n/);
  for (const p of paragraphs) {
    const t = p.trim();
    if (t === '' || t.startsWith('#') || t.startsWith('```') || t.startsWith('|') || t.startsWith('-')) continue;
    return t
      .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
      .replace(/[*_`]+/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  }
  return '';
}

/** A catch-all pattern (one that does not start with a literal letter, like `\\d+` or `[A-Z]+-\\d+`) must not answer bare lookups. */
export function looksLikeCatchAll(pattern: string): boolean {
  // Look past opening groups: `(?<parent>T\\d{4})\\.…` starts with the literal T.
  return !/^[A-Za-z]/.test(pattern.replace(/^(?:\((?:\?:|\?<[A-Za-z]\w*>)?)+/, ''));
}

function zodProblems(file: string, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({
    file,
    field: issue.path.length ? issue.path.join('.') : '(front matter)',
    reason: issue.message,
  }));
}

export function compileRegistry(dir: string, options: CompileOptions = {}): CompileResult {
  const problems: Problem[] = [];
  const sources: CompiledSource[] = [];
  const entities: CompiledEntity[] = [];
  const families: DetectFamily[] = [];
  const files = registryFiles(dir);
  const redos = options.skipRedos ? undefined : (options.redos ?? new VerdictStore());
  const patternCheck = (file: string, field: string, pattern: string): boolean => {
    try {
      new RegExp(pattern, 'u');
    } catch (error) {
      problems.push({ file, field, reason: `invalid regular expression: ${(error as Error).message}` });
      return false;
    }
    if (!redos) return true;
    const verdict = checkOrExplain(redos, pattern);
    if (!verdict.safe) {
      problems.push({ file, field, reason: redosReason(verdict) });
      return false;
    }
    return true;
  };

  for (const file of files) {
    const path = join(dir, file);
    const shown = relative(process.cwd(), path) || path;
    let parsed: matter.GrayMatterFile<string>;
    try {
      // A fresh copy: gray-matter caches by content and hands out shared objects.
      parsed = matter(readFileSync(path, 'utf8'), { excerpt: false });
    } catch (error) {
      problems.push({
        file: shown,
        field: '(front matter)',
        reason: `YAML does not parse: ${(error as Error).message.split('\n')[0]}`,
      });
      continue;
    }
    const data = parsed.data as Record<string, unknown>;
    if (Object.keys(data).length === 0) {
      problems.push({ file: shown, field: '(front matter)', reason: 'no front matter' });
      continue;
    }
    const description = firstParagraph(parsed.content);
    const parts = file.replace(/\.md$/, '').split('/');

    if (data.type === 'entity') {
      const result = entitySchema.safeParse(data);
      if (!result.success) {
        problems.push(...zodProblems(shown, result.error));
        continue;
      }
      const fm = result.data;
      const expected = ['entity', fm.namespace, ...(fm.name ? [fm.name] : [])].join('/');
      if (parts.join('/') !== expected)
        problems.push({ file: shown, field: 'namespace', reason: `file should be registry/${expected}.md` });
      if (fm.name) continue; // entity sub-records (products) carry no namespace of their own
      const entity: CompiledEntity = {
        namespace: fm.namespace,
        fullName: fm.full_name,
        aliases: fm.namespace_aliases.map((a) => a.toLowerCase()),
        urls: fm.urls,
        description,
      };
      if (fm.short_name) entity.shortName = fm.short_name;
      entities.push(entity);
      continue;
    }

    const result = sourceSchema.safeParse(data);
    if (!result.success) {
      problems.push(...zodProblems(shown, result.error));
      continue;
    }
    const fm = result.data;
    const expected = [fm.type, fm.namespace, ...(fm.name ? [fm.name] : [])].join('/');
    if (parts.join('/') !== expected)
      problems.push({ file: shown, field: 'type/namespace/name', reason: `file should be registry/${expected}.md` });
    const source = compileSource(shown, fm, description, problems, patternCheck);
    if (!source) continue;
    sources.push(source);
    for (const [i, d] of fm.detect.entries()) {
      const pattern = withoutCaptures(d.pattern ?? source.patterns[0]?.re ?? '');
      if (!pattern || !patternCheck(shown, `detect.${i}.pattern`, pattern)) continue;
      const cue = familyCue(pattern);
      if ('problem' in cue) {
        problems.push({ file: shown, field: `detect.${i}.pattern`, reason: cue.problem });
        continue;
      }
      if (families.some((f) => f.id === d.family)) {
        problems.push({
          file: shown,
          field: `detect.${i}.family`,
          reason: `family "${d.family}" is already declared by another source`,
        });
        continue;
      }
      families.push({
        id: d.family,
        label: d.label,
        pattern,
        sourceKey: source.key,
        default: d.default,
        context: d.context,
        confidence: d.confidence,
        ...cue,
        editions: [
          ...new Set(
            source.versions
              .flatMap((v) => [v.label, ...v.aliases, v.v])
              .filter((e) => /^\d{4}$/.test(e) || /^\d+\.\d+$/.test(e)),
          ),
        ],
      });
    }
  }

  sources.sort((a, b) => a.key.localeCompare(b.key));
  entities.sort((a, b) => a.namespace.localeCompare(b.namespace));
  const registry: CompiledRegistry = { format: 1, sources, entities, detector: { families } };

  crossCheck(registry, problems);
  const shards = readShards(dir);
  problems.push(...checkShards(registry, shards));
  const aliases = compileAliases({
    nicknames: readData(dir, 'nicknames.tsv'),
    weaknesses: readData(dir, 'weakness-aliases.tsv'),
    registry: new Registry(registry),
  });
  for (const p of aliases.problems) problems.push({ file: 'registry/data', field: p.line, reason: p.reason });
  if (aliases.aliases.length) registry.aliases = aliases.aliases;
  if (redos) {
    // The combined and candidate patterns are proved from their branches (see detectorBranches): each is small and
    // decided exactly, so the verdict never depends on the machine's speed.
    for (const { label, pattern } of detectorBranches(families)) {
      const verdict = checkOrExplain(redos, pattern);
      if (!verdict.safe) problems.push({ file: '(detector)', field: label, reason: redosReason(verdict) });
    }
  }
  return { registry, problems, files: files.length, shards };
}

function readData(dir: string, name: string): string | undefined {
  try {
    return readFileSync(join(dir, 'data', name), 'utf8');
  } catch {
    return undefined;
  }
}

function compileItem(file: string, field: string, raw: ItemFrontMatter, problems: Problem[]): CompiledItem {
  const item: CompiledItem = { id: raw.id };
  if (raw.title) item.title = raw.title;
  if (raw.description) item.description = raw.description;
  if (raw.url) item.url = raw.url;
  if (raw.kind) item.kind = raw.kind;
  if (raw.unverified) item.unverified = true;
  if (raw.related?.length) {
    item.related = raw.related.map((r, i) => {
      const parsed = parseSecId(r.secid);
      if (!parsed.ok) problems.push({ file, field: `${field}.related.${i}.secid`, reason: parsed.error.message });
      return { secid: r.secid, rel: r.rel };
    });
  }
  return item;
}

function compileSource(
  file: string,
  fm: SourceFrontMatter,
  description: string,
  problems: Problem[],
  patternCheck: (file: string, field: string, pattern: string) => boolean,
): CompiledSource | undefined {
  const patterns: CompiledPattern[] = [];
  if (fm.id_pattern !== undefined) {
    if (patternCheck(file, 'id_pattern', fm.id_pattern))
      patterns.push({ re: fm.id_pattern, bare: !looksLikeCatchAll(fm.id_pattern) });
  }
  for (const [i, p] of (fm.id_patterns ?? []).entries()) {
    if (!patternCheck(file, `id_patterns.${i}.pattern`, p.pattern)) continue;
    const compiled: CompiledPattern = { re: p.pattern, bare: p.bare ?? !looksLikeCatchAll(p.pattern) };
    if (p.kind) compiled.kind = p.kind;
    if (p.url) compiled.url = p.url;
    if (p.year_starts) {
      if (!/\(\?<num>/.test(p.pattern))
        problems.push({
          file,
          field: `id_patterns.${i}.year_starts`,
          reason: 'needs a (?<num>...) group in the pattern',
        });
      compiled.years = Object.entries(p.year_starts)
        .map(([year, start]): [number, string] => [start, year])
        .sort((a, b) => a[0] - b[0]);
    }
    patterns.push(compiled);
  }
  if (!description)
    problems.push({
      file,
      field: '(body)',
      reason: 'the body needs a first paragraph describing the source in our own words',
    });

  const versions: CompiledVersion[] = fm.versions.map((raw, i) => {
    if (!('label' in raw) && !('aliases' in raw)) {
      return { v: raw.version, label: raw.version, aliases: [], status: i === 0 ? 'current' : 'superseded' };
    }
    const v: CompiledVersion = {
      v: raw.version,
      label: raw.label ?? raw.version,
      aliases: raw.aliases,
      status: raw.status ?? 'superseded',
    };
    if (raw.release_date) v.date = raw.release_date;
    if (raw.url) v.url = raw.url;
    if (raw.lookup) v.lookup = raw.lookup;
    if (raw.items) v.items = raw.items.map((it, j) => compileItem(file, `versions.${i}.items.${j}`, it, problems));
    return v;
  });
  if (versions.length && !versions.some((v) => v.status === 'current')) versions[0]!.status = 'current';
  if (versions.filter((v) => v.status === 'current').length > 1)
    problems.push({ file, field: 'versions', reason: 'more than one edition is marked current' });
  const labels = new Map<string, string>();
  for (const v of versions) {
    for (const l of [v.v, v.label, ...v.aliases]) {
      const key = l.toLowerCase();
      if (labels.has(key) && labels.get(key) !== v.v)
        problems.push({ file, field: 'versions', reason: `"${l}" names two editions` });
      labels.set(key, v.v);
    }
  }

  let items = fm.items.map((it, j) => compileItem(file, `items.${j}`, it, problems));
  let catalog: string | undefined;
  if (fm.catalog === 'cwe-sdk') {
    const cwe = loadCweCatalog();
    const own = new Set(items.map((i) => i.id));
    items = [...items, ...cwe.items.filter((i) => !own.has(i.id))];
    catalog = cwe.label;
  }

  const key = [fm.type, fm.namespace, ...(fm.name ? [fm.name] : [])].join('/');
  const source: CompiledSource = {
    key,
    type: fm.type,
    namespace: fm.namespace,
    name: fm.name ?? '',
    fullName: fm.full_name,
    nameAliases: fm.name_aliases,
    status: fm.status,
    weight: fm.weight,
    closed: fm.closed,
    unversioned: fm.unversioned,
    urls: Object.fromEntries(Object.entries(fm.urls).filter(([k]) => k !== 'lookup')),
    patterns,
    versions,
    items,
    description,
    examples: fm.examples,
  };
  if (fm.short_name) source.shortName = fm.short_name;
  if (fm.operator) source.operator = fm.operator;
  if (fm.urls.lookup) source.lookup = fm.urls.lookup;
  if (catalog) source.catalog = catalog;
  if (fm.official_url_wrong) source.officialUrlWrong = fm.official_url_wrong;
  if (patterns.length === 0 && fm.name)
    problems.push({ file, field: 'id_pattern', reason: 'a source needs id_pattern or id_patterns' });

  // Every listed item must be an ID of the source, once per edition.
  const check = (list: CompiledItem[], field: string) => {
    const seen = new Set<string>();
    for (const item of list) {
      if (seen.has(item.id)) problems.push({ file, field, reason: `item ${item.id} is listed twice` });
      seen.add(item.id);
      if (patterns.length && !patterns.some((p) => new RegExp(`^(?:${p.re})$`, 'u').test(item.id))) {
        problems.push({ file, field, reason: `item ${item.id} does not match any id pattern` });
      }
    }
  };
  check(fm.catalog ? fm.items.map((i) => ({ id: i.id })) : items, 'items');
  versions.forEach((v, i) => v.items && check(v.items, `versions.${i}.items`));
  return source;
}

/** Checks that need the whole registry: operators, relations (and their inverses), examples. */
function crossCheck(compiled: CompiledRegistry, problems: Problem[]): void {
  const registry = new Registry(compiled);
  const fileOf = (s: CompiledSource) => `registry/${s.key}.md`;
  const keys = new Set<string>();
  for (const e of compiled.entities) {
    for (const alias of e.aliases) {
      if (keys.has(alias))
        problems.push({
          file: `registry/entity/${e.namespace}.md`,
          field: 'namespace_aliases',
          reason: `alias ${alias} is declared twice`,
        });
      keys.add(alias);
    }
  }
  for (const source of compiled.sources) {
    if (source.operator) {
      const m = /^secid:entity\/([^/#@?]+)/.exec(source.operator);
      if (!m || !registry.entities.has(m[1]!))
        problems.push({
          file: fileOf(source),
          field: 'operator',
          reason: `${source.operator} has no registry/entity/${m?.[1] ?? '?'}.md`,
        });
    }
    for (const [i, example] of source.examples.entries()) {
      const answer = resolve(registry, example);
      if (answer.status !== 'found') {
        problems.push({
          file: fileOf(source),
          field: `examples.${i}`,
          reason: `${example} does not resolve (${answer.status}${answer.message ? `: ${answer.message}` : ''})`,
        });
      }
    }
    if (source.examples.length === 0)
      problems.push({ file: fileOf(source), field: 'examples', reason: 'give at least one example SecID' });
  }
  // Relations: the target must resolve; its item gets the inverse relation, so cards show both directions.
  const inverses: [CompiledItem, Relation][] = [];
  for (const source of compiled.sources) {
    const lists: [CompiledItem[], string][] = [
      [source.items, 'items'],
      ...source.versions.map((v, i) => [v.items ?? [], `versions.${i}.items`] as [CompiledItem[], string]),
    ];
    for (const [list, field] of lists) {
      for (const item of list) {
        for (const rel of item.related ?? []) {
          const answer = resolve(registry, rel.secid);
          const target = answer.results[0];
          if (answer.status !== 'found' || !target) {
            problems.push({
              file: fileOf(source),
              field: `${field}.${item.id}.related`,
              reason: `${rel.secid} does not resolve (${answer.status})`,
            });
            continue;
          }
          const targetSource = target.source_secid
            ? registry.source(target.source_secid.slice('secid:'.length))
            : undefined;
          if (!targetSource || !target.id) continue;
          const version = target.version !== undefined ? registry.version(targetSource, target.version) : undefined;
          const hit = registry.findItems(targetSource, target.id, version)[0];
          if (hit) inverses.push([hit.item, { secid: selfSecId(source, item, list), rel: INVERSE[rel.rel] }]);
        }
      }
    }
  }
  for (const [item, back] of inverses) {
    item.related ??= [];
    if (!item.related.some((r) => r.secid === back.secid)) item.related.push(back);
  }
}

function selfSecId(source: CompiledSource, item: CompiledItem, list: CompiledItem[]): string {
  const version = source.versions.find((v) => v.items === list);
  return `secid:${source.key}${version ? `@${version.v}` : ''}#${item.id}`;
}
