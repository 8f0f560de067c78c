/** The resolver's answer, in the shape of the SecID resolver API (`secid_query` is kept for its clients). */

export type ResolveStatus = 'found' | 'corrected' | 'related' | 'not_found' | 'error';

export interface RelatedRef {
  secid: string;
  rel: string;
  title?: string;
  /** The edition label when the SecID names one (`@2.0` -> `2025`), so two editions of an item read apart. */
  edition?: string;
}

export interface EditionInfo {
  version: string;
  label: string;
  release_date?: string;
  status: string;
}

export interface SourceData {
  official_name: string;
  common_name?: string;
  description: string;
  urls: Record<string, string>;
  patterns: { pattern: string; kind?: string }[];
  examples: string[];
  versions_available?: EditionInfo[];
  item_count?: number;
  catalog?: string;
}

export interface ResolveResult {
  /** Canonical SecID in our format (namespaces such as `owasp`). */
  secid: string;
  /** The same SecID with SecID 1.0 domain namespaces (`owasp.org`). */
  secid_v1: string;
  weight: number;
  url?: string;
  /** The item ID as the registry spells it. */
  id?: string;
  title?: string;
  /** Full name of the source ("OWASP Machine Learning Security Top 10"). */
  source_name?: string;
  /** The name people know the source by ("OWASP ML Top 10"), when it has one. */
  source_short?: string;
  source_secid?: string;
  /** Edition label people use ("2025") and the registry's version ("2.0"). */
  edition?: string;
  version?: string;
  current_edition?: boolean;
  /** Why this edition is listed first when the query named none. */
  guess?: string;
  description?: string;
  kind?: string;
  related?: RelatedRef[];
  unverified?: boolean;
  catalog?: string;
  /** Labelled facts from a knowledge shard (tactics, platforms, product...). */
  facts?: { label: string; value: string }[];
  /** The publisher withdrew this item. */
  item_status?: 'deprecated' | 'revoked';
  /** What replaced a revoked item. */
  replaced_by?: { secid: string; title?: string };
  /** The CVE is in CISA's Known Exploited Vulnerabilities catalog. */
  known_exploited?: { name: string; vendor: string; product: string; date_added?: string; ransomware: boolean };
  /** Registry information (a source or namespace), for results that describe rather than point. */
  data?: SourceData;
  /**
   * `secid-1.0`: a further link the official SecID 1.0 registry gives for a SecID our own registry answered
   * differently. Ours stays first; this one is listed after it, with a lower weight.
   */
  origin?: 'secid-1.0';
}

export interface ResolveResponse {
  query: string;
  secid_query: string;
  status: ResolveStatus;
  results: ResolveResult[];
  message?: string;
}

export interface ResolveOptions {
  /** Edition to prefer per source key (`weakness/owasp/llm-top10` -> `1.0`), e.g. from the user's settings. */
  preferredEditions?: Record<string, string>;
  /** An edition label or year seen near the ID on the page, used to order editions. */
  contextEdition?: string;
}
