// Size of what every page pays for: the content script files the manifest injects, raw and gzip (level 9), plus
// any chunk they load (a loader-style content script imports assets/*.js at run time).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ScriptSize {
  files: { path: string; raw: number; gzip: number }[];
  raw: number;
  gzip: number;
}

export function contentScriptSize(dist: string): ScriptSize {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[]; css?: string[] }[];
  };
  const queue = [...new Set((manifest.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]))];
  const seen = new Set<string>();
  const files: ScriptSize['files'] = [];
  while (queue.length) {
    const path = queue.shift()!;
    if (seen.has(path) || !existsSync(join(dist, path))) continue;
    seen.add(path);
    const buf = readFileSync(join(dist, path));
    files.push({ path, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
    if (path.endsWith('.js')) for (const m of buf.toString('utf8').matchAll(/assets\/[\w.-]+\.js/g)) queue.push(m[0]);
  }
  return { files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
}
