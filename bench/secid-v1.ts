// npm run bench:v1 — costs of the imported SecID 1.0 registry on this machine (figures for BENCHMARKS.md, not tests):
// reading and indexing each per-type shard (what a woken service worker pays once per type), and resolving every
// imported example through the full resolver (ours first, then the import).
import { readFileSync } from 'node:fs';
import { compileRegistry } from '../src/compiler/compile.ts';
import { Registry } from '../src/core/registry.ts';
import { resolve } from '../src/core/resolve.ts';
import { SECID_TYPES } from '../src/core/secid-types.ts';
import { examplesOf } from '../src/core/v1/examples.ts';
import { V1Store } from '../src/core/v1/store.ts';
import type { V1Shard } from '../src/core/v1/types.ts';

const p = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const registry = new Registry(compileRegistry('registry', { skipRedos: true }).registry);
const store = new V1Store();
registry.v1 = store;
console.log('shard            bytes   parse+index ms');
for (const type of SECID_TYPES) {
  const text = readFileSync(`src/generated/secid-1.0/${type}.json`, 'utf8');
  const started = performance.now();
  store.add(JSON.parse(text) as V1Shard);
  console.log(`${type.padEnd(14)} ${String(text.length).padStart(8)}   ${(performance.now() - started).toFixed(2)}`);
}
const queries = SECID_TYPES.flatMap((t) => store.namespaces(t).flatMap((ns) => examplesOf(ns).map((e) => e.secid)));
for (const q of queries) resolve(registry, q); // first pass compiles the patterns it meets
const times: number[] = [];
for (const q of queries) {
  const started = performance.now();
  resolve(registry, q);
  times.push(performance.now() - started);
}
console.log(
  `resolve ${queries.length} examples (warm): median ${p(times, 0.5).toFixed(3)} ms, p95 ${p(times, 0.95).toFixed(3)} ms, max ${Math.max(...times).toFixed(2)} ms`,
);
const slowest = queries
  .map((q, i) => [times[i]!, q] as const)
  .sort((a, b) => b[0] - a[0])
  .slice(0, 3);
console.log(`slowest: ${slowest.map(([t, q]) => `${q} ${t.toFixed(2)} ms`).join('; ')}`);
