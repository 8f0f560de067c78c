// Compile registry/**/*.md into src/generated/*.json; exits 1 with file: field: reason on any problem.
import { compileRegistry } from '../src/compiler/compile.ts';
import { writeGenerated } from '../src/compiler/write-generated.ts';

const started = performance.now();
const { registry, problems, files, shards } = compileRegistry('registry');
if (problems.length) {
  for (const p of problems) console.error(`${p.file}: ${p.field}: ${p.reason}`);
  console.error(`registry: ${problems.length} problem(s) in ${files} files`);
  process.exit(1);
}
const sizes = writeGenerated(registry, 'src/generated', shards);
const items = registry.sources.reduce((n, s) => n + s.items.length + s.versions.reduce((m, v) => m + (v.items?.length ?? 0), 0), 0);
console.log(
  `registry: ${registry.sources.length} sources, ${registry.entities.length} entities, ${items} items, ${registry.detector.families.length} detector families ` +
    `(${Object.entries(sizes).map(([f, n]) => `${f} ${(n / 1024).toFixed(1)} KiB`).join(', ')}) in ${Math.round(performance.now() - started)} ms`,
);
