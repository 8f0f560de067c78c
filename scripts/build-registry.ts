// Compile registry/**/*.md into src/generated/*.json; exits 1 with file: field: reason on any problem.
import { compileRegistry } from '../src/compiler/compile.ts';
import { VerdictStore } from '../src/compiler/redos.ts';
import { writeV1Shards } from '../src/compiler/v1-data.ts';
import { validateV1 } from '../src/compiler/v1-validate.ts';
import { writeGenerated } from '../src/compiler/write-generated.ts';

const started = performance.now();
const redos = new VerdictStore();
const { registry, problems, files, shards } = compileRegistry('registry', { redos });
// A changed pattern was proved just now: keep its verdict with the registry (commit src/compiler/redos-verdicts.json).
if (redos.stale) {
  redos.save();
  console.log(`registry: ${redos.proved} ReDoS verdict(s) proved and written to src/compiler/redos-verdicts.json`);
}
// The imported SecID 1.0 registry: every example must resolve with the URL it gives among the results (or be a
// recorded upstream fault, reported below).
const v1 = validateV1('registry', registry);
problems.push(...v1.problems);
if (problems.length) {
  for (const p of problems) console.error(`${p.file}: ${p.field}: ${p.reason}`);
  console.error(`registry: ${problems.length} problem(s) in ${files} files`);
  process.exit(1);
}
const sizes = writeGenerated(registry, 'src/generated', shards);
const items = registry.sources.reduce(
  (n, s) => n + s.items.length + s.versions.reduce((m, v) => m + (v.items?.length ?? 0), 0),
  0,
);
console.log(
  `registry: ${registry.sources.length} sources, ${registry.entities.length} entities, ${items} items, ${registry.detector.families.length} detector families ` +
    `(${Object.entries(sizes)
      .map(([f, n]) => `${f} ${(n / 1024).toFixed(1)} KiB`)
      .join(', ')}) in ${Math.round(performance.now() - started)} ms`,
);
const v1Sizes = writeV1Shards('registry', 'src/generated');
console.log(
  `registry: SecID 1.0 import: ${v1.namespaces} namespaces, ${v1.checked} examples checked, ${v1.urlAmongResults} of ${v1.withUrl} URLs among the results ` +
    `(${v1.exceptions.length} broken upstream), ${Object.keys(v1Sizes).length} shards ${(Object.values(v1Sizes).reduce((a, b) => a + b, 0) / 1024).toFixed(1)} KiB`,
);
for (const e of v1.exceptions)
  console.log(`  broken upstream: ${e.secid}${e.url ? ` -> ${e.url}` : ''}: ${e.reason.replace(/^upstream: /, '')}`);
