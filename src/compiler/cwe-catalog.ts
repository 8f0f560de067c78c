import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CompiledItem } from '../core/registry-types.ts';

const require = createRequire(import.meta.url);

interface CweEntry {
  attr?: { '@_ID'?: string; '@_Name'?: string; '@_Abstraction'?: string; '@_Status'?: string };
}

/** Every CWE weakness with its title, from the CWE dictionary that the cwe-sdk package ships (MITRE's catalogue). */
export function loadCweCatalog(): { items: CompiledItem[]; label: string } {
  // Parsed, not require()d: require keeps the 8 MB dictionary in its cache for the life of the process (the CLI's
  // `scan` runs for as long as its input lasts, under a memory bound).
  const dictionary = JSON.parse(readFileSync(require.resolve('cwe-sdk/raw/cwe-dictionary.json'), 'utf8')) as Record<
    string,
    CweEntry
  >;
  const pkg = require('cwe-sdk/package.json') as { version: string };
  const head = readHead(require.resolve('cwe-sdk/raw/cwe-archive.xml'), 400);
  const cweVersion = /Version="([^"]+)"/.exec(head)?.[1] ?? 'unknown';
  const items: CompiledItem[] = [];
  for (const [key, entry] of Object.entries(dictionary)) {
    const name = entry.attr?.['@_Name'];
    if (!/^\d+$/.test(key) || !name) continue;
    const item: CompiledItem = { id: `CWE-${key}`, title: name };
    const abstraction = entry.attr?.['@_Abstraction'];
    if (abstraction) item.kind = `${abstraction.toLowerCase()} weakness`;
    items.push(item);
  }
  items.sort((a, b) => Number(a.id.slice(4)) - Number(b.id.slice(4)));
  return { items, label: `CWE ${cweVersion} (cwe-sdk ${pkg.version})` };
}

/** The first `bytes` bytes of a file as text (the version sits in the XML's first element; the file is 15 MB). */
function readHead(path: string, bytes: number): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}
