import { MAX_SECID_LENGTH, normaliseNamespace } from '../parse.ts';
import { isSecIdType, type SecIdType } from '../secid-types.ts';

/**
 * A SecID split for the SecID 1.0 registry. Unlike parseSecId, the name keeps its case and may contain `/`
 * (`secid:reference/github.com/releases/nodejs/node/v22.0.0`): only the registry can tell where a namespace
 * ends and what a name is.
 */
export interface V1Parts {
  type: SecIdType;
  /** Path segments after the type; the first is normalised as a domain, the rest kept as written. */
  segments: string[];
  version?: string;
  subpath?: string;
  qualifiers: Record<string, string>;
}

function decode(s: string): string | undefined {
  try {
    return s.includes('%') ? decodeURIComponent(s) : s;
  } catch {
    return undefined;
  }
}

function qualifiersInto(raw: string, into: Record<string, string>): boolean {
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq))?.toLowerCase();
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    if (key === undefined || value === undefined) return false;
    into[key] = value;
  }
  return true;
}

export function parseV1(input: string): V1Parts | undefined {
  const text = input.trim();
  if (text.length > MAX_SECID_LENGTH) return undefined;
  const scheme = /^secid:(?:\/\/)?/i.exec(text);
  const rest = scheme ? text.slice(scheme[0].length) : text;
  const hash = rest.indexOf('#');
  let path = hash < 0 ? rest : rest.slice(0, hash);
  let subpath = hash < 0 ? undefined : rest.slice(hash + 1);
  const qualifiers: Record<string, string> = {};
  const q = path.indexOf('?');
  if (q >= 0) {
    if (!qualifiersInto(path.slice(q + 1), qualifiers)) return undefined;
    path = path.slice(0, q);
  }
  if (subpath !== undefined) {
    const sq = subpath.indexOf('?');
    if (sq >= 0) {
      if (!qualifiersInto(subpath.slice(sq + 1), qualifiers)) return undefined;
      subpath = subpath.slice(0, sq);
    }
  }
  let version: string | undefined;
  const at = path.indexOf('@');
  if (at >= 0) {
    version = decode(path.slice(at + 1));
    if (version === undefined || version === '') return undefined;
    path = path.slice(0, at);
  }
  const parts = path.replace(/\/$/, '').split('/');
  const type = parts[0]!.toLowerCase();
  if (!isSecIdType(type)) return undefined;
  const segments: string[] = [];
  for (const [i, seg] of parts.slice(1).entries()) {
    const d = decode(seg);
    if (d === undefined || d === '') return undefined;
    if (i === 0) {
      const ns = normaliseNamespace(d);
      if (ns === undefined) return undefined;
      segments.push(ns);
    } else segments.push(d);
  }
  const out: V1Parts = { type, segments, qualifiers };
  if (version !== undefined) out.version = version;
  if (subpath !== undefined && subpath !== '') {
    const d = decode(subpath);
    if (d === undefined) return undefined;
    out.subpath = d;
  }
  return out;
}
