import { normaliseHost, sitesCovering, type Settings } from '../core/settings.ts';

export interface SiteState {
  /** The site as the exclusion list spells it (`example.com`). */
  host: string;
  excluded: boolean;
  /** The list entries that switch this site off (itself, or a parent domain such as `github.com` for `gist.github.com`). */
  rules: string[];
}

/** The per-site switch's state for a page URL; undefined when the page is not a web site (browser pages, files). */
export function siteState(settings: Settings, pageUrl: string | undefined): SiteState | undefined {
  if (!pageUrl) return undefined;
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // By host name, port aside: the content script checks location.hostname.
  const host = normaliseHost(url.hostname);
  if (!host) return undefined;
  const rules = sitesCovering(settings, host);
  return { host, excluded: rules.length > 0, rules };
}

/**
 * Settings with the site switched on or off. Off adds the host; on removes every entry that covers it, parents
 * included: the user asked for this site, and the popup names the parent rule before they flip it.
 */
export function withSite(settings: Settings, state: SiteState, on: boolean): Settings {
  if (on) return { ...settings, excludedSites: settings.excludedSites.filter((site) => !state.rules.includes(site)) };
  if (settings.excludedSites.includes(state.host)) return settings;
  return { ...settings, excludedSites: [...settings.excludedSites, state.host] };
}
