// Build-time importer of the official SecID 1.0 registry (CloudSecurityAlliance/SecID `registry/`, CC0).
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Registry } from '../core/registry.ts';
import type { CompiledRegistry } from '../core/registry-types.ts';
import { SECID_TYPES } from '../core/secid-types.ts';
import { checkV1Examples, exceptionReason, type V1Exception } from '../core/v1/check.ts';
import { convertNamespace } from '../core/v1/convert.ts';
import { hasNestedRepetition } from '../core/v1/pattern.ts';
import { V1Store } from '../core/v1/store.ts';
import type { V1Namespace, V1Node } from '../core/v1/types.ts';
import { V1_DIR, type V1ImportInfo } from './v1-data.ts';

/** Namespace files: registry/<type>/<reversed domain>/.../<label>.json (not the per-type summaries, not _deferred). */
function namespaceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (!name.startsWith('_') && (depth > 0 || (SECID_TYPES as readonly string[]).includes(name)))
          walk(path, depth + 1);
      } else if (depth > 0 && name.endsWith('.json')) out.push(path);
    }
  };
  walk(root, 0);
  return out;
}

function refusedPatterns(ns: V1Namespace): string[] {
  const out: string[] = [];
  const visit = (n: V1Node) => {
    for (const p of [...n.p, ...Object.values(n.vars ?? {}).map((v) => v.extract)])
      if (hasNestedRepetition(p)) out.push(p);
    n.kids?.forEach(visit);
  };
  ns.nodes.forEach(visit);
  return out;
}

export interface ImportResult {
  info: V1ImportInfo;
  shards: Map<string, V1Namespace[]>;
}

/**
 * Read the official registry folder, convert every namespace file to our compact form and check its examples
 * against our hand-written registry (`ours`). Differences are recorded as exceptions with a reason, never hidden.
 */
export function importSecId(args: {
  folder: string;
  ours: CompiledRegistry;
  commit?: string;
  date?: string;
}): ImportResult {
  const { folder, ours, commit, date } = args;
  const shards = new Map<string, V1Namespace[]>(SECID_TYPES.map((t) => [t, []]));
  const skipped: { file: string; reason: string }[] = [];
  const refused: { namespace: string; pattern: string }[] = [];
  const files = namespaceFiles(folder);
  for (const file of files) {
    const rel = relative(folder, file);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      skipped.push({ file: rel, reason: `not JSON: ${(error as Error).message}` });
      continue;
    }
    const converted = convertNamespace(raw);
    if (!converted.ok) {
      skipped.push({ file: rel, reason: converted.problems.map((p) => `${p.field}: ${p.reason}`).join('; ') });
      continue;
    }
    const ns = converted.value;
    const expectedType = rel.split(/[\\/]/)[0];
    if (ns.type !== expectedType) {
      skipped.push({ file: rel, reason: `type "${ns.type}" but the file is under ${expectedType}/` });
      continue;
    }
    for (const pattern of refusedPatterns(ns)) refused.push({ namespace: `${ns.type}/${ns.ns}`, pattern });
    shards.get(ns.type)!.push(ns);
  }
  for (const list of shards.values()) list.sort((a, b) => a.ns.localeCompare(b.ns));

  const store = new V1Store();
  for (const [type, namespaces] of shards) store.add({ type, namespaces });
  const registry = new Registry(ours);
  registry.v1 = store;
  const { failures } = checkV1Examples(registry, [...shards.values()].flat());
  const exceptions: V1Exception[] = failures.map((f) => ({
    secid: f.secid,
    ...(f.expected !== undefined ? { url: f.expected } : {}),
    reason: exceptionReason(f),
  }));

  const info: V1ImportInfo = {
    upstream: 'https://github.com/CloudSecurityAlliance/SecID (registry/, CC0)',
    ...(commit ? { commit } : {}),
    ...(date ? { date } : {}),
    schema_version: '1.0',
    files: files.length,
    namespaces: Object.fromEntries([...shards].map(([t, l]) => [t, l.length])),
    refused_patterns: refused,
    skipped,
    exceptions,
  };
  return { info, shards };
}

/** One namespace per line: compact, yet a re-import shows as a readable diff. */
export function writeImport(result: ImportResult, registryDir: string): void {
  const dir = join(registryDir, V1_DIR);
  mkdirSync(dir, { recursive: true });
  for (const [type, namespaces] of result.shards) {
    const body = namespaces.map((ns) => JSON.stringify(ns)).join(',\n');
    writeFileSync(join(dir, `${type}.json`), `{"type":${JSON.stringify(type)},"namespaces":[\n${body}\n]}\n`);
  }
  writeFileSync(join(dir, 'import.json'), `${JSON.stringify(result.info, null, 2)}\n`);
}
