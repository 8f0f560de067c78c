import { cell, type Tsv } from '../../core/tsv.ts';

/** Facts of CISA's Known Exploited Vulnerabilities catalog (cisagov/kev-data, public domain): no descriptions, no notes. */
export const KEV_COLUMNS = ['cve', 'vendor', 'product', 'name', 'date_added', 'ransomware'] as const;

interface KevEntry {
  cveID?: unknown;
  vendorProject?: unknown;
  product?: unknown;
  vulnerabilityName?: unknown;
  dateAdded?: unknown;
  knownRansomwareCampaignUse?: unknown;
}

export interface KevRow {
  cve: string;
  vendor: string;
  product: string;
  name: string;
  dateAdded: string;
  /** CISA's own words: "Known" or "Unknown". */
  ransomware: 'known' | 'unknown';
}

const text = (v: unknown) => (typeof v === 'string' ? cell(v) : '');

export function extractKev(catalog: unknown): { rows: KevRow[]; version: string } {
  const c = (catalog ?? {}) as { catalogVersion?: unknown; vulnerabilities?: unknown };
  if (!Array.isArray(c.vulnerabilities)) throw new Error('not a KEV catalog: no "vulnerabilities" list');
  const rows = new Map<string, KevRow>();
  for (const raw of c.vulnerabilities as KevEntry[]) {
    const cve = text(raw?.cveID).toUpperCase();
    if (!/^CVE-\d{4}-\d{4,}$/.test(cve)) continue;
    const dateAdded = text(raw.dateAdded);
    rows.set(cve, {
      cve,
      vendor: text(raw.vendorProject),
      product: text(raw.product),
      name: text(raw.vulnerabilityName),
      dateAdded: /^\d{4}-\d{2}-\d{2}$/.test(dateAdded) ? dateAdded : '',
      ransomware: text(raw.knownRansomwareCampaignUse).toLowerCase() === 'known' ? 'known' : 'unknown',
    });
  }
  const order = (id: string) => id.split('-').map(Number);
  return {
    rows: [...rows.values()].sort((a, b) => order(a.cve)[1]! - order(b.cve)[1]! || order(a.cve)[2]! - order(b.cve)[2]!),
    version: text(c.catalogVersion),
  };
}

export function kevTsv(rows: KevRow[], meta: Record<string, string>): Tsv {
  return {
    meta,
    columns: [...KEV_COLUMNS],
    rows: rows.map((r) => [r.cve, r.vendor, r.product, r.name, r.dateAdded, r.ransomware]),
  };
}
