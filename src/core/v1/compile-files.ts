import { SECID_TYPES } from '../secid-types.ts';
import { convertNamespace } from './convert.ts';
import type { V1Namespace, V1Shard } from './types.ts';

export interface V1File {
  /** Path as found in the folder or archive (`SecID-main/registry/advisory/org/mitre.json`). */
  path: string;
  text: string;
}

export interface V1Compiled {
  shards: V1Shard[];
  /** Files taken. */
  files: number;
  /** `file: reason` for every file that could not be taken. */
  problems: { file: string; reason: string }[];
}

/**
 * The namespace files of a copy of the official registry: `<...>/registry/<type>/<reversed domain>/.../<x>.json`,
 * or `<type>/...` at the top when the folder itself was given; per-type summaries, `_deferred` and other files are
 * not namespaces. Pure: the options page (a .zip or a folder) and the importer use it alike.
 */
export function namespaceFilePath(path: string): { type: string; rest: string } | undefined {
  const parts = path
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.');
  if (!parts.at(-1)?.endsWith('.json')) return undefined;
  const at = parts.lastIndexOf('registry');
  const from = at >= 0 ? at + 1 : parts.findIndex((p) => (SECID_TYPES as readonly string[]).includes(p));
  const type = parts[from];
  if (from < 0 || type === undefined || !(SECID_TYPES as readonly string[]).includes(type)) return undefined;
  const rest = parts.slice(from + 1);
  if (rest.length < 1 || rest.some((p) => p.startsWith('_'))) return undefined;
  return { type, rest: rest.join('/') };
}

export function compileV1Files(files: readonly V1File[]): V1Compiled {
  const byType = new Map<string, V1Namespace[]>();
  const problems: { file: string; reason: string }[] = [];
  let taken = 0;
  for (const file of files) {
    const where = namespaceFilePath(file.path);
    if (!where) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(file.text);
    } catch (error) {
      problems.push({ file: file.path, reason: `not JSON: ${(error as Error).message}` });
      continue;
    }
    const converted = convertNamespace(raw);
    if (!converted.ok) {
      problems.push({ file: file.path, reason: converted.problems.map((p) => `${p.field}: ${p.reason}`).join('; ') });
      continue;
    }
    if (converted.value.type !== where.type) {
      problems.push({ file: file.path, reason: `type "${converted.value.type}" but the file is under ${where.type}/` });
      continue;
    }
    taken++;
    byType.set(where.type, [...(byType.get(where.type) ?? []), converted.value]);
  }
  if (taken === 0 && problems.length === 0)
    problems.push({ file: '(archive)', reason: 'no SecID registry files (registry/<type>/**/*.json) found' });
  const shards = [...byType].map(([type, namespaces]) => ({
    type,
    namespaces: namespaces.sort((a, b) => a.ns.localeCompare(b.ns)),
  }));
  return { shards, files: taken, problems };
}
