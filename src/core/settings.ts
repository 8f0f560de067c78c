import type { FamilyMode } from './detect.ts';

/** User settings. Stored in extension storage; every field is checked on read, so a corrupt value never breaks anything. */
export interface Settings {
  version: 1;
  enabled: boolean;
  /** Hostnames where nothing runs (exact host or any subdomain of it). */
  excludedSites: string[];
  /** Per detector family: on, off or context-only. Missing = the family's default. */
  families: Record<string, FamilyMode>;
  /** Preferred edition per source key for IDs whose meaning depends on the edition. */
  editions: Record<string, string>;
  hoverDelayMs: number;
  /** Card and page colours: `page` matches the page's own background (hover cards), `auto` follows the system. */
  theme: 'page' | 'auto' | 'light' | 'dark';
  /** Where Enter in the address bar (`secid ML03`) goes: our SecID page (works offline) or the source's site. */
  omniboxEnter: 'resolve' | 'source';
  /** Show the number of IDs found on the page on the toolbar icon. */
  badge: boolean;
  /** Opt-in: fetch live details of CVE and GHSA IDs from OSV.dev (also needs the optional host permission). */
  liveDetails: boolean;
}

export const DEFAULT_SETTINGS: Settings = /* @__PURE__ */ Object.freeze({
  version: 1,
  enabled: true,
  excludedSites: [],
  families: {},
  editions: {},
  hoverDelayMs: 300,
  theme: 'page',
  omniboxEnter: 'resolve',
  badge: true,
  liveDetails: false,
}) as Settings;

const HOST = /^[a-z0-9.-]+(?::\d+)?$/;

/** Lower-case host, without scheme, path or "www."; undefined when it is not a host name. */
export function normaliseHost(input: string): string | undefined {
  let s = input.trim().toLowerCase();
  s = s
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  return s !== '' && HOST.test(s) && !s.startsWith('.') && !s.includes('..') ? s : undefined;
}

/**
 * The exclusion-list entries that switch `host` (normalised) off: the site itself, or a parent domain (`github.com`
 * covers `gist.github.com`). The one place the rule is written: content script, popup and options page ask here.
 */
export function sitesCovering(settings: Settings, host: string): string[] {
  return settings.excludedSites.filter((site) => host === site || host.endsWith(`.${site}`));
}

export function isExcluded(settings: Settings, hostname: string): boolean {
  const host = normaliseHost(hostname);
  return host !== undefined && sitesCovering(settings, host).length > 0;
}

function record<T>(value: unknown, check: (v: unknown) => v is T): Record<string, T> {
  const out: Record<string, T> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value)) if (k.length <= 200 && check(v)) out[k] = v;
  return out;
}

/** Host names from a stored site list: an array, or format 0's comma-separated string; anything else is none. */
function siteList(value: unknown): string[] {
  const raw = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
  return raw
    .filter((x): x is string => typeof x === 'string')
    .map(normaliseHost)
    .filter((x): x is string => x !== undefined);
}

const isMode = (v: unknown): v is FamilyMode => v === 'on' || v === 'off' || v === 'context';
const isShortString = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 50;

/**
 * Any stored value (older formats, hand-edited, corrupt) to valid settings. Each field is kept when valid and
 * falls back to its default alone when not, so one bad field never costs the user the others.
 */
export function normaliseSettings(stored: unknown): Settings {
  const s =
    stored !== null && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  // Format 0 (before versioning) kept the exclusion list under "disabledSites" (one comma-separated string; an array
  // is read too). A store can hold both keys (an upgrade that stopped half-way, an old device syncing): the lists are
  // merged, new first, so neither loses a site (an empty new list next to an old one used to drop the old one).
  const sites = [...siteList(s.excludedSites), ...siteList(s.disabledSites)];
  const delay =
    typeof s.hoverDelayMs === 'number' && Number.isFinite(s.hoverDelayMs) ? Math.round(s.hoverDelayMs) : NaN;
  return {
    version: 1,
    enabled: typeof s.enabled === 'boolean' ? s.enabled : DEFAULT_SETTINGS.enabled,
    excludedSites: [...new Set(sites)].slice(0, 1000),
    families: record(s.families, isMode),
    editions: record(s.editions, isShortString),
    hoverDelayMs: delay >= 0 && delay <= 3000 ? delay : DEFAULT_SETTINGS.hoverDelayMs,
    theme:
      s.theme === 'light' || s.theme === 'dark' || s.theme === 'auto' || s.theme === 'page'
        ? s.theme
        : DEFAULT_SETTINGS.theme,
    omniboxEnter:
      s.omniboxEnter === 'source' || s.omniboxEnter === 'resolve' ? s.omniboxEnter : DEFAULT_SETTINGS.omniboxEnter,
    badge: typeof s.badge === 'boolean' ? s.badge : DEFAULT_SETTINGS.badge,
    liveDetails: s.liveDetails === true,
  };
}
