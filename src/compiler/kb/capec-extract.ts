import { compareIds } from './attack-extract.ts';
import { cell, type Tsv } from '../../core/tsv.ts';

/** Facts of CAPEC from its STIX attack patterns (mitre/cti capec/2.1): ID, name, abstraction, status, CWE and ATT&CK links. */
export const CAPEC_COLUMNS = ['id', 'name', 'abstraction', 'status', 'cwes', 'attack'] as const;

interface CapecObject {
  type?: string;
  name?: string;
  revoked?: boolean;
  x_capec_abstraction?: string;
  x_capec_status?: string;
  external_references?: { source_name?: string; external_id?: string }[];
}

export interface CapecRow {
  id: string;
  name: string;
  abstraction: string;
  status: string;
  cwes: string[];
  attack: string[];
}

export function extractCapec(objects: CapecObject[]): CapecRow[] {
  const rows = new Map<string, CapecRow>();
  for (const o of objects) {
    if (o.type !== 'attack-pattern') continue;
    const refs = o.external_references ?? [];
    const id = refs.find((r) => r.source_name === 'capec')?.external_id;
    if (!id || !/^CAPEC-\d+$/.test(id) || !o.name) continue;
    const ids = (source: string, shape: RegExp, prefix = '') =>
      [
        ...new Set(
          refs
            .filter((r) => r.source_name === source && r.external_id)
            .map((r) => `${prefix}${r.external_id!.trim()}`)
            .filter((x) => shape.test(x)),
        ),
      ].sort(compareIds);
    rows.set(id, {
      id,
      name: cell(o.name),
      abstraction: cell(o.x_capec_abstraction).toLowerCase(),
      status: o.revoked === true ? 'revoked' : cell(o.x_capec_status).toLowerCase() || 'active',
      cwes: ids('cwe', /^CWE-\d+$/),
      // CAPEC writes ATT&CK IDs without their T ("1574.010").
      attack: ids('ATTACK', /^T\d{4}(?:\.\d{3})?$/, 'T'),
    });
  }
  return [...rows.values()].sort((a, b) => Number(a.id.slice(6)) - Number(b.id.slice(6)));
}

export function capecTsv(rows: CapecRow[], meta: Record<string, string>): Tsv {
  return {
    meta,
    columns: [...CAPEC_COLUMNS],
    rows: rows.map((r) => [r.id, r.name, r.abstraction, r.status, r.cwes.join(','), r.attack.join(',')]),
  };
}
