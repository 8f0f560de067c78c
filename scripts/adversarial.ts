// Adversarial texts through the detector and resolver: time each, record to bench/adversarial.json.
import { writeFileSync } from 'node:fs';
import { compileRegistry } from '../src/compiler/compile.ts';
import { Detector } from '../src/core/detect.ts';
import { Registry } from '../src/core/registry.ts';
import { resolve } from '../src/core/resolve.ts';
import { adversarialTexts } from '../tests/support/adversarial.ts';

const { registry: compiled } = compileRegistry('registry', { skipRedos: true });
const registry = new Registry(compiled);
const detector = new Detector(compiled.detector, {
  families: Object.fromEntries(compiled.detector.families.map((f) => [f.id, 'on'])),
});

function time<T>(fn: () => T, runs = 5): { ms: number; value: T } {
  let value = fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { ms: Number(samples[Math.floor(samples.length / 2)]!.toFixed(2)), value };
}

const rows = adversarialTexts().map(({ name, text }) => {
  const { ms, value } = time(() => detector.detect(text));
  return {
    name,
    kind: 'detect',
    bytes: text.length,
    detections: value.length,
    median_ms: ms,
    mb_per_s: Number((text.length / 1e6 / (ms / 1000)).toFixed(1)),
  };
});
for (const [name, query] of [
  ['1024-char SecID subpath', `secid:weakness/owasp/ml-top10#${'A'.repeat(990)}`],
  ['1024-char bare token', 'CVE-2024-'.repeat(113)],
  ['deep path', `secid:advisory/${'a.'.repeat(500)}b`],
] as const) {
  const { ms, value } = time(() => resolve(registry, query), 20);
  rows.push({
    name,
    kind: 'resolve',
    bytes: query.length,
    detections: value.results.length,
    median_ms: ms,
    mb_per_s: 0,
  });
}
writeFileSync(
  'bench/adversarial.json',
  `${JSON.stringify({ node: process.version, date: new Date().toISOString().slice(0, 10), rows }, null, 2)}\n`,
);
console.table(rows);
