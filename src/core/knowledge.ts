import type { Registry } from './registry.ts';
import type { CompiledItem } from './registry-types.ts';
import type { SearchDoc } from './search.ts';
import { parseTsv, records } from './tsv.ts';

/**
 * Knowledge shards: bulk facts (ATT&CK, CAPEC, CISA KEV) kept out of registry.json and loaded when a query needs
 * them. Each shard is the committed TSV of registry/data/<name>.tsv; this module turns one into registry items of
 * its source (merged under the items the registry file lists itself) and search documents. Pure.
 */
export const SHARDS = ['attack', 'capec', 'kev'] as const;
export type ShardName = (typeof SHARDS)[number];

export const SHARD_SOURCE: Record<ShardName, string> = {
  attack: 'ttp/mitre/attack',
  capec: 'ttp/mitre/capec',
  kev: 'advisory/cisa/kev',
};

const CWE_SOURCE = 'weakness/mitre/cwe';
const CVE_SECID = 'secid:advisory/mitre/cve#';
const ATTACK_SECID = 'secid:ttp/mitre/attack#';
const CAPEC_SECID = 'secid:ttp/mitre/capec#';

/** The shards a resolution of `query` may need (cheap tests on the text; search needs them all). */
export function shardsFor(query: string): ShardName[] {
  const q = query.slice(0, 1024);
  const out: ShardName[] = [];
  if (/\b(?:TA|T|M|G|S|C|DS|DC)\d{4}\b|mitre\/attack/i.test(q)) out.push('attack');
  if (/CAPEC|CWE/i.test(q)) out.push('capec');
  if (/CVE-\d/i.test(q) || /cisa\/kev/i.test(q)) out.push('kev');
  return out;
}

export interface Shard {
  name: ShardName;
  /** Where the facts come from, shown on cards ("MITRE ATT&CK v18.1, mitre/cti 2025-11-13"). */
  catalog: string;
  items: CompiledItem[];
  /** Relations to add to items of other sources (CWE -> CAPEC). */
  inverse: { source: string; id: string; rel: NonNullable<CompiledItem['related']>[number] }[];
}

const DOMAIN_NAMES: Record<string, string> = { enterprise: 'Enterprise', mobile: 'Mobile', ics: 'ICS' };
const list = (cell: string | undefined) => (cell ? cell.split(',').filter(Boolean) : []);

function upstreamLabel(meta: Record<string, string>, fallback: string): string {
  const date = /\((\d{4}-\d{2}-\d{2})\)/.exec(meta.upstream ?? '')?.[1];
  const repo = /github:([^@\s]+)/.exec(meta.upstream ?? '')?.[1];
  return [meta.release || fallback, [repo, date].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

/** Parses a shard's text. Throws on a malformed file (the compiler reports it; the loaders catch it). */
export function parseShard(name: ShardName, text: string): Shard {
  const tsv = parseTsv(text);
  const rows = records(tsv);
  if (name === 'attack') return attackShard(rows, upstreamLabel(tsv.meta, 'MITRE ATT&CK'));
  if (name === 'capec') return capecShard(rows, upstreamLabel(tsv.meta, 'CAPEC'));
  return kevShard(rows, upstreamLabel(tsv.meta, 'CISA KEV'));
}

function attackShard(rows: Record<string, string>[], catalog: string): Shard {
  const names = new Map(rows.map((r) => [r.id!, r.name!]));
  const items = rows.map((r): CompiledItem => {
    const id = r.id!;
    const parent = r.kind === 'sub-technique' ? id.split('.')[0]! : undefined;
    // ATT&CK names a sub-technique after its parent: "Command and Scripting Interpreter: Windows Command Shell".
    const title = parent && names.has(parent) ? `${names.get(parent)}: ${r.name}` : r.name!;
    const item: CompiledItem = { id, title, kind: r.kind! };
    const facts: [string, string][] = [];
    const tactics = list(r.tactics);
    if (tactics.length)
      facts.push([
        tactics.length > 1 ? 'Tactics' : 'Tactic',
        tactics.map((t) => (names.has(t) ? `${names.get(t)} (${t})` : t)).join(', '),
      ]);
    const platforms = list(r.platforms);
    if (platforms.length) facts.push(['Platforms', platforms.join(', ')]);
    const domains = list(r.domains);
    if (domains.length) facts.push(['Domain', domains.map((d) => DOMAIN_NAMES[d] ?? d).join(', ')]);
    if (facts.length) item.facts = facts;
    if (r.status === 'deprecated' || r.status === 'revoked') item.status = r.status;
    if (r.replaced_by) item.replacedBy = `${ATTACK_SECID}${r.replaced_by}`;
    if (parent) item.related = [{ secid: `${ATTACK_SECID}${parent}`, rel: 'child_of' }];
    return item;
  });
  return { name: 'attack', catalog, items, inverse: [] };
}

function capecShard(rows: Record<string, string>[], catalog: string): Shard {
  const inverse: Shard['inverse'] = [];
  const items = rows.map((r): CompiledItem => {
    const id = r.id!;
    const item: CompiledItem = {
      id,
      title: r.name!,
      kind: r.abstraction ? `${r.abstraction} attack pattern` : 'attack pattern',
    };
    const rel: NonNullable<CompiledItem['related']> = [];
    for (const cwe of list(r.cwes)) {
      rel.push({ secid: `secid:${CWE_SOURCE}#${cwe}`, rel: 'exploits' });
      inverse.push({ source: CWE_SOURCE, id: cwe, rel: { secid: `${CAPEC_SECID}${id}`, rel: 'exploited_by' } });
    }
    for (const t of list(r.attack)) rel.push({ secid: `${ATTACK_SECID}${t}`, rel: 'related_to' });
    if (rel.length) item.related = rel;
    if (r.status) item.facts = [['Status', r.status[0]!.toUpperCase() + r.status.slice(1)]];
    if (r.status === 'deprecated' || r.status === 'obsolete') item.status = 'deprecated';
    return item;
  });
  return { name: 'capec', catalog, items, inverse };
}

function kevShard(rows: Record<string, string>[], catalog: string): Shard {
  const items = rows.map((r): CompiledItem => {
    const item: CompiledItem = { id: r.cve!, title: r.name!, kind: 'known exploited vulnerability' };
    const facts: [string, string][] = [['Product', [r.vendor, r.product].filter(Boolean).join(' ')]];
    if (r.date_added) facts.push(['Added to KEV', r.date_added]);
    facts.push(['Ransomware use', r.ransomware === 'known' ? 'Known' : 'Unknown']);
    item.facts = facts;
    item.exploited = {
      name: r.name!,
      vendor: r.vendor!,
      product: r.product!,
      dateAdded: r.date_added!,
      ransomware: r.ransomware === 'known',
    };
    return item;
  });
  return { name: 'kev', catalog, items, inverse: [] };
}

/** Adds a shard's items to the registry (once) and returns its search documents. */
export function applyShard(registry: Registry, shard: Shard): SearchDoc[] {
  registry.addItems(SHARD_SOURCE[shard.name], shard.items, shard.catalog);
  for (const { source, id, rel } of shard.inverse) registry.addRelation(source, id, rel);
  return shardSearchDocs(shard);
}

export function shardSearchDocs(shard: Shard): SearchDoc[] {
  const source = shard.name === 'attack' ? 'MITRE ATT&CK' : shard.name === 'capec' ? 'CAPEC' : 'CVE · known exploited';
  return shard.items.map((item) => ({
    // A known exploited CVE is found as the CVE itself (its issuer's record), not as a KEV catalogue search.
    id: shard.name === 'kev' ? `${CVE_SECID}${item.id}` : `secid:${SHARD_SOURCE[shard.name]}#${item.id}`,
    kind: 'item' as const,
    code: item.id,
    title: item.title ?? item.id,
    source,
    aliases: item.exploited ? `${item.exploited.vendor} ${item.exploited.product}` : '',
    text: '',
    ed: 0,
  }));
}
