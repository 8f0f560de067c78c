import { SECID_TYPES, isSecIdType, type SecIdType } from './secid-types.ts';

/** A SecID split into its parts. Parts are decoded (no percent escapes) and case-normalised where the grammar allows. */
export interface SecId {
  type: SecIdType;
  /** Lower-case, NFC, no trailing dot. SecID 1.0 namespaces may contain `.`; sub-namespaces live in `name` until the registry re-splits them. */
  namespace?: string;
  /** Lower-case path after the namespace (`ml-top10`, or `advisories/ghsa` before registry re-splitting). */
  name?: string;
  version?: string;
  /** Context only, never identity. Keys lower-case; item-level values win over source-level ones. */
  qualifiers: Record<string, string>;
  /** The item inside the source, in the source's own spelling (case and punctuation kept). */
  subpath?: string;
}

export type ParseErrorCode =
  | 'empty'
  | 'too-long'
  | 'no-scheme'
  | 'no-type'
  | 'unknown-type'
  | 'empty-segment'
  | 'bad-namespace'
  | 'bad-escape'
  | 'bad-qualifier'
  | 'bad-version';

export interface ParseError {
  code: ParseErrorCode;
  message: string;
}

export type ParseResult = { ok: true; value: SecId } | { ok: false; error: ParseError };

export const MAX_SECID_LENGTH = 1024;

const SCHEME = /^secid:(?:\/\/)?/i;
// One `.`-label or `/`-segment of a namespace (SecID 1.0): letters and digits of any script, inner `.`, `_`? no: `-` and `.` only.
const NAMESPACE_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const QUALIFIER_KEY = /^[a-z][a-z0-9._-]*$/;

function fail(code: ParseErrorCode, message: string): ParseResult {
  return { ok: false, error: { code, message } };
}

function decode(part: string): string | undefined {
  if (!part.includes('%')) return part;
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** Lower-case, NFC, trailing dot removed; undefined when a label is not a valid namespace label. */
export function normaliseNamespace(raw: string): string | undefined {
  let ns = raw.normalize('NFC').toLowerCase();
  if (ns.endsWith('.')) ns = ns.slice(0, -1);
  if (ns === '') return undefined;
  for (const label of ns.split('.')) {
    if (!NAMESPACE_LABEL.test(label)) return undefined;
  }
  return ns;
}

function parseQualifiers(raw: string, into: Record<string, string>): ParseError | undefined {
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq))?.toLowerCase();
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1).replace(/\+/g, ' '));
    if (key === undefined || value === undefined)
      return { code: 'bad-escape', message: `Malformed percent escape in qualifier "${pair}"` };
    if (!QUALIFIER_KEY.test(key))
      return {
        code: 'bad-qualifier',
        message: `Qualifier key "${key}" must start with a letter and use only a-z, 0-9, ".", "_" or "-"`,
      };
    into[key] = value;
  }
  return undefined;
}

/**
 * Parse a SecID string (grammar only: no registry). `secid:` is case-insensitive; with `requireScheme: false`
 * a string that starts with a known type (`weakness/owasp/ml-top10#ML01`) is accepted too.
 */
export function parseSecId(input: string, options: { requireScheme?: boolean } = {}): ParseResult {
  const text = input.trim();
  if (text === '') return fail('empty', 'Empty SecID');
  if (text.length > MAX_SECID_LENGTH)
    return fail('too-long', `A SecID is at most ${MAX_SECID_LENGTH} characters; this one has ${text.length}`);

  let rest: string;
  const scheme = SCHEME.exec(text);
  if (scheme) rest = text.slice(scheme[0].length);
  else if (options.requireScheme === false) rest = text;
  else return fail('no-scheme', 'A SecID starts with "secid:"');

  const hash = rest.indexOf('#');
  const beforeHash = hash < 0 ? rest : rest.slice(0, hash);
  let subpathRaw = hash < 0 ? undefined : rest.slice(hash + 1);

  const qualifiers: Record<string, string> = {};
  const question = beforeHash.indexOf('?');
  let path = question < 0 ? beforeHash : beforeHash.slice(0, question);
  if (question >= 0) {
    const error = parseQualifiers(beforeHash.slice(question + 1), qualifiers);
    if (error) return { ok: false, error };
  }
  // Item-level qualifiers (SecID 1.0) follow the subpath and win over source-level ones.
  if (subpathRaw !== undefined) {
    const q = subpathRaw.indexOf('?');
    if (q >= 0) {
      const error = parseQualifiers(subpathRaw.slice(q + 1), qualifiers);
      if (error) return { ok: false, error };
      subpathRaw = subpathRaw.slice(0, q);
    }
  }

  let version: string | undefined;
  const at = path.indexOf('@');
  if (at >= 0) {
    const v = decode(path.slice(at + 1));
    if (v === undefined) return fail('bad-escape', 'Malformed percent escape in the version');
    if (v === '' || /[\s/]/.test(v))
      return fail('bad-version', `"@${v}" is not a version: it must be non-empty, without spaces or "/"`);
    version = v;
    path = path.slice(0, at);
  }

  if (path.endsWith('/')) path = path.slice(0, -1);
  if (path === '') return fail('no-type', `A SecID needs a type: one of ${SECID_TYPES.join(', ')}`);
  const segments = path.split('/');
  if (segments.some((s) => s === '')) return fail('empty-segment', 'A SecID path has an empty segment ("//")');

  const type = segments[0]!.toLowerCase();
  if (!isSecIdType(type)) {
    return fail('unknown-type', `Unknown type "${segments[0]}": the types are ${SECID_TYPES.join(', ')}`);
  }

  const value: SecId = { type, qualifiers: sortKeys(qualifiers) };
  if (segments.length > 1) {
    const rawNs = decode(segments[1]!);
    if (rawNs === undefined) return fail('bad-escape', 'Malformed percent escape in the namespace');
    const ns = normaliseNamespace(rawNs);
    if (ns === undefined) {
      return fail(
        'bad-namespace',
        `"${rawNs}" is not a namespace: letters, digits, "-" and "." only, not starting or ending with "-" or "."`,
      );
    }
    value.namespace = ns;
  }
  if (segments.length > 2) {
    const parts: string[] = [];
    for (const seg of segments.slice(2)) {
      const d = decode(seg);
      if (d === undefined) return fail('bad-escape', 'Malformed percent escape in the name');
      parts.push(d.toLowerCase());
    }
    value.name = parts.join('/');
  }
  if (version !== undefined) value.version = version;
  if (subpathRaw !== undefined && subpathRaw !== '') {
    const sub = decode(subpathRaw);
    if (sub === undefined) return fail('bad-escape', 'Malformed percent escape in the item ("#...")');
    value.subpath = sub;
  }
  return { ok: true, value };
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key]!;
  return out;
}

// Characters that would change how a part re-parses are percent-encoded; everything else stays human-readable.
function encodeChars(value: string, special: RegExp): string {
  return value.replace(special, (c) =>
    encodeURIComponent(c).replace(/[!'()*]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`),
  );
}
const NAME_SPECIAL = /[%@?#\s\p{Cc}]/gu;
const VERSION_SPECIAL = /[%?#/\s\p{Cc}]/gu;
const QUALIFIER_SPECIAL = /[%&=#+\s\p{Cc}]/gu;
const SUBPATH_SPECIAL = /[%?\s\p{Cc}]/gu;

/** The canonical string of a SecID: lower-case type, namespace and name, sorted qualifiers before `#`, minimal escaping. */
export function formatSecId(id: SecId): string {
  let out = `secid:${id.type}`;
  if (id.namespace !== undefined) {
    out += `/${id.namespace}`;
    if (id.name !== undefined && id.name !== '') {
      out +=
        '/' +
        id.name
          .split('/')
          .map((s) => encodeChars(s, NAME_SPECIAL))
          .join('/');
    }
  }
  if (id.version !== undefined) out += `@${encodeChars(id.version, VERSION_SPECIAL)}`;
  const keys = Object.keys(id.qualifiers).sort();
  if (keys.length > 0) {
    out +=
      '?' +
      keys
        .map((k) => `${encodeChars(k, QUALIFIER_SPECIAL)}=${encodeChars(id.qualifiers[k]!, QUALIFIER_SPECIAL)}`)
        .join('&');
  }
  if (id.subpath !== undefined && id.subpath !== '') out += `#${encodeChars(id.subpath, SUBPATH_SPECIAL)}`;
  return out;
}

/** format(parse(input)) when the input parses, else undefined. */
export function canonicalise(input: string): string | undefined {
  const parsed = parseSecId(input);
  return parsed.ok ? formatSecId(parsed.value) : undefined;
}
