/**
 * Opt-in live details of a CVE or GHSA from OSV.dev (`GET /v1/vulns/<id>`): what the offline card cannot know
 * (published summary, CVSS vectors, dates, references). This file is the pure part: which IDs qualify and how an
 * answer is read. Anything that is not the documented shape is ignored, never shown half-read.
 */
import { httpUrl } from './http-url.ts';

export const LIVE_ORIGIN = 'https://api.osv.dev';
export const LIVE_PERMISSION = `${LIVE_ORIGIN}/*`;
/** Firefox data-consent categories of what live details send: an ID from a page (website content) or typed (search terms). */
export const LIVE_DATA_COLLECTION = ['websiteContent', 'searchTerms'] as const;

export interface LiveScore {
  /** "CVSS_V3", "CVSS_V4", ... as OSV names the scheme. */
  type: string;
  /** "3.1", "4.0": read from the vector's prefix when it has one. */
  version?: string;
  vector: string;
}

export interface LiveDetails {
  id: string;
  source: 'OSV.dev';
  /** The record's page for people. */
  url: string;
  summary?: string;
  published?: string;
  modified?: string;
  withdrawn?: string;
  aliases: string[];
  scores: LiveScore[];
  references: { type?: string; url: string }[];
  /** When we fetched it (ms since the epoch). */
  fetchedAt: number;
}

const CVE = /^CVE-\d{4}-\d{4,7}$/;
const GHSA = /^GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}$/;

/** The canonical spelling of a CVE or GHSA ID, or undefined for anything else (nothing else is ever sent). */
export function liveId(raw: string): string | undefined {
  const s = raw.trim();
  if (CVE.test(s.toUpperCase())) return s.toUpperCase();
  const ghsa = `GHSA${s.slice(4).toLowerCase()}`;
  return /^ghsa/i.test(s) && GHSA.test(ghsa) ? ghsa : undefined;
}

const str = (v: unknown, max: number): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim().replace(/\s+/g, ' ').slice(0, max) : undefined;
const date = (v: unknown): string | undefined =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z?$/.test(v) ? v.slice(0, 10) : undefined;
const boundedUrl = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length <= 2048 ? httpUrl(v) : undefined;

/** Reads an OSV vulnerability record; undefined when it is not one for `id`. */
export function parseOsv(id: string, body: unknown, fetchedAt: number): LiveDetails | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const o = body as Record<string, unknown>;
  const aliases = Array.isArray(o.aliases)
    ? o.aliases.filter((a): a is string => typeof a === 'string' && a.length <= 100).slice(0, 20)
    : [];
  // OSV answers a CVE with its own record, or with the advisory that lists the CVE as an alias.
  if (
    typeof o.id !== 'string' ||
    (o.id.toUpperCase() !== id.toUpperCase() && !aliases.some((a) => a.toUpperCase() === id.toUpperCase()))
  )
    return undefined;
  const details: LiveDetails = {
    id,
    source: 'OSV.dev',
    url: `https://osv.dev/vulnerability/${encodeURIComponent(o.id)}`,
    aliases,
    scores: [],
    references: [],
    fetchedAt,
  };
  const summary = str(o.summary, 400) ?? str(o.details, 300);
  if (summary) details.summary = summary;
  for (const [key, value] of [
    ['published', o.published],
    ['modified', o.modified],
    ['withdrawn', o.withdrawn],
  ] as const) {
    const d = date(value);
    if (d) details[key] = d;
  }
  if (Array.isArray(o.severity)) {
    for (const s of o.severity.slice(0, 6)) {
      const type = str((s as { type?: unknown })?.type, 20);
      const vector = str((s as { score?: unknown })?.score, 200);
      if (!type || !vector) continue;
      const version = /^CVSS:(\d\.\d)\//.exec(vector)?.[1];
      details.scores.push(version ? { type, version, vector } : { type, vector });
    }
  }
  if (Array.isArray(o.references)) {
    for (const r of o.references) {
      const url = boundedUrl((r as { url?: unknown })?.url);
      if (!url) continue;
      const type = str((r as { type?: unknown })?.type, 20);
      details.references.push(type ? { type, url } : { url });
      if (details.references.length >= 5) break;
    }
  }
  return details;
}
