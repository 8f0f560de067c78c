import { SECID_TYPES } from '../secid-types.ts';
import { compilePattern, hasNestedRepetition } from './pattern.ts';
import type { V1Example, V1Namespace, V1Node, V1Url, V1Variable, V1Version } from './types.ts';

/** One reason a file of the official registry could not be taken, as `field: reason`. */
export interface ConvertProblem {
  field: string;
  reason: string;
}

export type ConvertResult = { ok: true; value: V1Namespace } | { ok: false; problems: ConvertProblem[] };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const MAX_PATTERN = 1000;
const MAX_DEPTH = 8;

/**
 * Convert one namespace file of the official SecID 1.0 registry (schema_version 1.0) to our compact form.
 * Pure (no I/O), so the importer, `secid --registry` and the options page use the same code. Prose fields
 * (`notes`, `description`) are read only to take facts out of them (the Debian number-to-year ranges).
 */
export function convertNamespace(raw: unknown): ConvertResult {
  const problems: ConvertProblem[] = [];
  if (!isObject(raw)) return { ok: false, problems: [{ field: '(file)', reason: 'not a JSON object' }] };
  if (raw.schema_version !== '1.0')
    problems.push({ field: 'schema_version', reason: `expected "1.0", got ${JSON.stringify(raw.schema_version)}` });
  const ns = str(raw.namespace)?.toLowerCase();
  if (!ns || !/^[\p{L}\p{N}][\p{L}\p{N}._/-]*$/u.test(ns))
    problems.push({ field: 'namespace', reason: 'missing or not a domain name' });
  const type = str(raw.type);
  if (!type || !(SECID_TYPES as readonly string[]).includes(type))
    problems.push({ field: 'type', reason: `not a SecID type: ${JSON.stringify(raw.type)}` });
  if (!Array.isArray(raw.match_nodes)) problems.push({ field: 'match_nodes', reason: 'missing or not a list' });
  if (problems.length) return { ok: false, problems };

  const nodes: V1Node[] = [];
  (raw.match_nodes as unknown[]).forEach((n, i) => {
    const node = convertNode(n, `match_nodes[${i}]`, [], problems, 0);
    if (node) nodes.push(node);
  });
  if (problems.length) return { ok: false, problems };
  const value: V1Namespace = {
    ns: ns!,
    type: type!,
    status: str(raw.status) ?? 'draft',
    name: str(raw.official_name) ?? ns!,
    nodes,
  };
  const common = str(raw.common_name);
  if (common) value.common = common;
  const alt = stringList(raw.alternate_names);
  if (alt.length) value.alt = alt;
  const urls = urlList(raw.urls);
  if (urls.length) value.urls = urls;
  return { ok: true, value };
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];
}

function urlList(v: unknown): V1Url[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObject).flatMap((u) => {
    const url = str(u.url);
    return url && /^https?:\/\//i.test(url) ? [{ type: str(u.type) ?? 'website', url }] : [];
  });
}

function convertNode(
  raw: unknown,
  field: string,
  ancestors: Json[],
  problems: ConvertProblem[],
  depth: number,
): V1Node | undefined {
  if (!isObject(raw)) {
    problems.push({ field, reason: 'not an object' });
    return undefined;
  }
  if (depth > MAX_DEPTH) {
    problems.push({ field, reason: `nested deeper than ${MAX_DEPTH} levels` });
    return undefined;
  }
  const patterns = stringList(raw.patterns);
  if (patterns.length === 0) problems.push({ field: `${field}.patterns`, reason: 'no patterns' });
  for (const p of patterns) {
    if (p.length > MAX_PATTERN)
      problems.push({ field: `${field}.patterns`, reason: `pattern longer than ${MAX_PATTERN} characters` });
    else if (!compiles(p))
      problems.push({ field: `${field}.patterns`, reason: `not a valid regular expression: ${p}` });
  }
  const weight = typeof raw.weight === 'number' && raw.weight >= 0 && raw.weight <= 200 ? raw.weight : 100;
  const data = isObject(raw.data) ? raw.data : {};
  const node: V1Node = { p: patterns, w: weight };
  if (raw.open_pattern === true) node.open = true;
  const name = str(data.official_name);
  if (name) node.name = name;
  const common = str(data.common_name);
  if (common) node.common = common;
  const url = str(data.url);
  if (url) node.url = url;
  const urls = urlList(data.urls);
  if (urls.length) node.urls = urls;
  const vars = variables(data.variables, [data, ...ancestors], `${field}.data.variables`, problems);
  if (vars) node.vars = vars;
  if (isObject(data.lookup_table)) {
    const table: Record<string, { url?: string; title?: string }> = {};
    for (const [id, entry] of Object.entries(data.lookup_table)) {
      const e = isObject(entry) ? entry : { url: entry };
      const out: { url?: string; title?: string } = {};
      const u = str(e.url);
      if (u) out.url = u;
      const t = str(e.title);
      if (t) out.title = t;
      table[id] = out;
    }
    node.table = table;
  }
  if (isObject(data.known_values)) {
    const known: Record<string, string> = {};
    for (const [id, title] of Object.entries(data.known_values)) {
      const t = typeof title === 'string' ? title : isObject(title) ? (str(title.title) ?? str(title.name)) : undefined;
      if (t) known[id] = t;
    }
    if (Object.keys(known).length) node.known = known;
  }
  if (data.version_required === true) node.versionRequired = true;
  const unversioned = str(data.unversioned_behavior);
  if (unversioned) node.unversioned = unversioned;
  if (Array.isArray(data.versions_available)) {
    const versions: V1Version[] = data.versions_available.filter(isObject).flatMap((v) => {
      const label = typeof v.version === 'number' ? String(v.version) : str(v.version);
      if (!label) return [];
      const out: V1Version = { v: label };
      const date = str(v.release_date);
      if (date) out.date = date;
      const status = str(v.status);
      if (status) out.status = status;
      return [out];
    });
    if (versions.length) node.versions = versions;
  }
  if (Array.isArray(data.examples)) {
    const ex: V1Example[] = data.examples.flatMap((e): V1Example[] => {
      if (typeof e === 'string') return e ? [{ input: e }] : [];
      if (!isObject(e)) return [];
      const input = str(e.input);
      if (!input) return [];
      const out: V1Example = { input };
      const u = str(e.url);
      if (u) out.url = u;
      const v = typeof e.version === 'number' ? String(e.version) : str(e.version);
      if (v) out.version = v;
      return [out];
    });
    if (ex.length) node.ex = ex;
  }
  if (Array.isArray(raw.children) && raw.children.length) {
    const kids = raw.children.flatMap(
      (c, i) => convertNode(c, `${field}.children[${i}]`, [data, ...ancestors], problems, depth + 1) ?? [],
    );
    if (kids.length) node.kids = kids;
  }
  return node;
}

function variables(
  raw: unknown,
  scopes: Json[],
  field: string,
  problems: ConvertProblem[],
): Record<string, V1Variable> | undefined {
  if (!isObject(raw)) return undefined;
  const out: Record<string, V1Variable> = {};
  for (const [name, def] of Object.entries(raw)) {
    if (!isObject(def) || !str(def.extract)) {
      problems.push({ field: `${field}.${name}`, reason: 'a variable needs an "extract" regular expression' });
      continue;
    }
    const extract = def.extract as string;
    if (extract.length > MAX_PATTERN || !compiles(extract)) {
      problems.push({ field: `${field}.${name}.extract`, reason: `not a valid regular expression: ${extract}` });
      continue;
    }
    const v: V1Variable = { extract };
    const format = str(def.format);
    if (format) v.format = format;
    if (def.lookup === 'range_table') {
      const ranges = rangeTable(scopes);
      if (!ranges)
        problems.push({
          field: `${field}.${name}.lookup`,
          reason: 'range_table lookup, but no "YYYY: N" range list in this node or its parents',
        });
      else v.ranges = ranges;
    } else if (def.lookup !== undefined) {
      problems.push({ field: `${field}.${name}.lookup`, reason: `unknown lookup ${JSON.stringify(def.lookup)}` });
    }
    out[name] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The number-to-value list ("2023: 5311, 2024: 5593, ...") upstream keeps in a node's notes: facts, taken as numbers. */
function rangeTable(scopes: Json[]): [number, string][] | undefined {
  for (const scope of scopes) {
    const text = typeof scope.notes === 'string' ? scope.notes : '';
    const pairs = [...text.matchAll(/\b((?:19|20)\d{2}): (\d+)\b/g)].map(
      (m) => [Number(m[2]), m[1]!] as [number, string],
    );
    if (pairs.length >= 3) return pairs.sort((a, b) => a[0] - b[0]);
  }
  return undefined;
}

function compiles(pattern: string): boolean {
  return compilePattern(pattern) !== null || hasNestedRepetition(pattern);
}
