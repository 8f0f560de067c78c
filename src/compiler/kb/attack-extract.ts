import { cell, type Tsv } from '../../core/tsv.ts';

/**
 * Facts of MITRE ATT&CK from its STIX objects (mitre/cti, per-object bundles): ID, kind, name, domains, tactics,
 * platforms, deprecated/revoked status and what replaced a revoked object. Descriptions are never read.
 */
export type AttackDomain = 'enterprise' | 'mobile' | 'ics';

export const ATTACK_COLUMNS = [
  'id',
  'kind',
  'name',
  'domains',
  'tactics',
  'platforms',
  'status',
  'replaced_by',
] as const;

interface StixObject {
  type?: string;
  id?: string;
  name?: string;
  revoked?: boolean;
  x_mitre_deprecated?: boolean;
  x_mitre_is_subtechnique?: boolean;
  x_mitre_shortname?: string;
  x_mitre_platforms?: string[];
  kill_chain_phases?: { kill_chain_name?: string; phase_name?: string }[];
  external_references?: { source_name?: string; external_id?: string }[];
  relationship_type?: string;
  source_ref?: string;
  target_ref?: string;
}

/** STIX type -> our kind, with the ID shape that kind must have (old mitigations reuse technique IDs: dropped). */
const KINDS: Record<string, { kind: string; id: RegExp }> = {
  'attack-pattern': { kind: 'technique', id: /^T\d{4}(?:\.\d{3})?$/ },
  'x-mitre-tactic': { kind: 'tactic', id: /^TA\d{4}$/ },
  'course-of-action': { kind: 'mitigation', id: /^M\d{4}$/ },
  'intrusion-set': { kind: 'group', id: /^G\d{4}$/ },
  malware: { kind: 'software', id: /^S\d{4}$/ },
  tool: { kind: 'software', id: /^S\d{4}$/ },
  campaign: { kind: 'campaign', id: /^C\d{4}$/ },
  'x-mitre-data-source': { kind: 'data source', id: /^DS\d{4}$/ },
  'x-mitre-data-component': { kind: 'data component', id: /^DC\d{4}$/ },
};

/** The STIX folders the importer reads (relationships only for revoked-by). */
export const ATTACK_FOLDERS = [...Object.keys(KINDS), 'relationship'];

export interface AttackRow {
  id: string;
  kind: string;
  name: string;
  domains: AttackDomain[];
  tactics: string[];
  platforms: string[];
  status: 'active' | 'deprecated' | 'revoked';
  replacedBy: string;
}

const KILL_CHAIN_DOMAIN: Record<string, AttackDomain> = {
  'mitre-attack': 'enterprise',
  'mitre-mobile-attack': 'mobile',
  'mitre-ics-attack': 'ics',
};

function attackId(o: StixObject): string | undefined {
  return o.external_references?.find((r) => r.source_name === 'mitre-attack')?.external_id;
}

/** Objects of a STIX bundle text, or none when it is not one. */
export function bundleObjects(text: string): StixObject[] {
  try {
    const parsed = JSON.parse(text) as { objects?: unknown };
    return Array.isArray(parsed.objects)
      ? (parsed.objects.filter((o) => o !== null && typeof o === 'object') as StixObject[])
      : [];
  } catch {
    return [];
  }
}

export function extractAttack(domains: { domain: AttackDomain; objects: StixObject[] }[]): AttackRow[] {
  const byStixId = new Map<string, AttackRow>();
  const rows = new Map<string, AttackRow>();
  const tacticByPhase = new Map<string, string>(); // `${domain}/${shortname}` -> TA id
  const revokedBy = new Map<string, string>(); // stix id -> stix id

  for (const { domain, objects } of domains) {
    for (const o of objects) {
      if (o.type === 'relationship') {
        if (o.relationship_type === 'revoked-by' && o.source_ref && o.target_ref)
          revokedBy.set(o.source_ref, o.target_ref);
        continue;
      }
      const spec = o.type ? KINDS[o.type] : undefined;
      const id = attackId(o);
      if (!spec || !id || !spec.id.test(id) || !o.id) continue;
      if (o.type === 'x-mitre-tactic' && o.x_mitre_shortname) tacticByPhase.set(`${domain}/${o.x_mitre_shortname}`, id);
      let row = rows.get(id);
      if (!row) {
        row = {
          id,
          kind:
            spec.kind === 'technique' && (o.x_mitre_is_subtechnique === true || id.includes('.'))
              ? 'sub-technique'
              : spec.kind,
          name: cell(o.name),
          domains: [],
          tactics: [],
          platforms: [],
          status: o.revoked === true ? 'revoked' : o.x_mitre_deprecated === true ? 'deprecated' : 'active',
          replacedBy: '',
        };
        rows.set(id, row);
      }
      byStixId.set(o.id, row);
      if (!row.domains.includes(domain)) row.domains.push(domain);
      for (const p of o.x_mitre_platforms ?? [])
        if (typeof p === 'string' && cell(p) !== '' && cell(p) !== 'None' && !row.platforms.includes(cell(p)))
          row.platforms.push(cell(p)); // ICS writes "None"
      for (const phase of o.kill_chain_phases ?? []) {
        const phaseDomain = phase.kill_chain_name ? KILL_CHAIN_DOMAIN[phase.kill_chain_name] : undefined;
        if (phaseDomain && phase.phase_name) row.tactics.push(`${phaseDomain}/${phase.phase_name}`);
      }
    }
  }
  for (const row of rows.values()) {
    row.tactics = [
      ...new Set(row.tactics.map((t) => tacticByPhase.get(t)).filter((t): t is string => t !== undefined)),
    ];
    row.domains.sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  }
  for (const [from, to] of revokedBy) {
    const row = byStixId.get(from);
    const target = byStixId.get(to);
    if (row && target && row.status === 'revoked') row.replacedBy = target.id;
  }
  return [...rows.values()].sort((a, b) => compareIds(a.id, b.id));
}

const ORDER: AttackDomain[] = ['enterprise', 'mobile', 'ics'];

/** TA0001 < T1001 < T1001.001 ... by prefix, then number. */
export function compareIds(a: string, b: string): number {
  const pa = /^([A-Z]+)(.*)$/.exec(a)!;
  const pb = /^([A-Z]+)(.*)$/.exec(b)!;
  return pa[1]!.localeCompare(pb[1]!) || pa[2]!.localeCompare(pb[2]!, 'en', { numeric: true });
}

export function attackTsv(rows: AttackRow[], meta: Record<string, string>): Tsv {
  return {
    meta,
    columns: [...ATTACK_COLUMNS],
    rows: rows.map((r) => [
      r.id,
      r.kind,
      r.name,
      r.domains.join(','),
      r.tactics.join(','),
      r.platforms.join(','),
      r.status,
      r.replacedBy,
    ]),
  };
}
