// `npx tsx bench/hotspots.ts [--page article-1m] [--runs 3] [--dist DIR] [--longest]`
// Where the content script's time goes on one benchmark page: a V8 CPU profile (100 µs sampling) of the page load
// with the extension on, summed per function of ours. Builtins and DOM calls count towards the function of ours that
// called them. Without --dist it builds an unminified copy (bench/tmp/dist-plain) so the names are readable.
// --longest also prints, per load, our longest stretch of consecutive samples (garbage collection inside it counted)
// and where its time went: what to split when a task of ours is too long. Tasks of ours that follow each other with
// less than a sample's gap between them read as one stretch, so it is an upper bound of our longest task.
// Run `npm run bench -- --quick` once first: it writes the pages to bench/tmp/pages.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launch } from './harness.ts';
import { startBenchServer } from './server.ts';
import { STAGES } from '../src/content/stage-types.ts';
import { waitScanned } from '../tests/support/scan-recorder.ts';

const { values: args } = parseArgs({
  options: {
    page: { type: 'string', default: 'article-1m' },
    runs: { type: 'string', default: '3' },
    dist: { type: 'string' },
    longest: { type: 'boolean', default: false },
  },
});

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

let dist = args.dist;
if (!dist) {
  dist = resolve('bench/tmp/dist-plain');
  execFileSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--minify',
      'false',
      '--outDir',
      dist,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { stdio: 'inherit' },
  );
  // The later stages (the lens, the card UI) are separate IIFE builds (see scripts/build.ts), unminified too.
  for (const stage of Object.keys(STAGES))
    execFileSync(
      process.execPath,
      [
        'node_modules/vite/bin/vite.js',
        'build',
        '--config',
        'vite.stages.config.ts',
        '--minify',
        'false',
        '--outDir',
        `${dist}/src/content`,
        '--logLevel',
        'error',
      ],
      { stdio: 'inherit', env: { ...process.env, SECID_STAGE: stage } },
    );
}
if (!existsSync(`bench/tmp/pages/${args.page}.html`))
  throw new Error(`bench/tmp/pages/${args.page}.html is missing: run npm run bench -- --quick first`);

const server = await startBenchServer('bench/tmp/pages');
const bench = await launch(resolve(dist), server);
const self = new Map<string, number>();
let total = 0;
try {
  for (let run = 0; run < Number(args.runs); run++) {
    const page = await bench.context.newPage();
    const cdp = await bench.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(`${server.on}/${args.page}.html?hot=${run}`, { waitUntil: 'domcontentloaded' });
    await waitScanned(page, { timeoutMs: 120_000, quietMs: 300 });
    const { profile } = (await cdp.send('Profiler.stop')) as {
      profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] };
    };
    await page.close();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    // The function of ours a sample belongs to: the nearest frame with our URL, walking up from the leaf.
    const owner = new Map<number, string | null>();
    const ownerOf = (id: number): string | null => {
      if (owner.has(id)) return owner.get(id)!;
      const n = byId.get(id)!;
      let o: string | null;
      if (n.callFrame.url.startsWith('chrome-extension://'))
        o = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^chrome-extension:\/\/[^/]+\//, '')}:${n.callFrame.lineNumber + 1}`;
      else o = parent.has(id) ? ownerOf(parent.get(id)!) : null;
      owner.set(id, o);
      return o;
    };
    const msOf = (i: number) => (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    profile.samples.forEach((id, i) => {
      const o = ownerOf(id);
      if (!o) return;
      const ms = msOf(i);
      self.set(o, (self.get(o) ?? 0) + ms);
      total += ms;
    });
    if (args.longest)
      printLongest(
        profile.samples.map((id) => ownerOf(id) ?? byId.get(id)!.callFrame.functionName),
        msOf,
        run,
      );
  }
} finally {
  await bench.close();
  await server.close();
}
const runs = Number(args.runs);
console.log(
  `${args.page}: ${(total / runs).toFixed(1)} ms of CPU samples in our code per load (profiled, so 25-35 % slower than unprofiled)`,
);
for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
  console.log(`${(ms / runs).toFixed(1).padStart(8)} ms  ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${name}`);

/**
 * Our longest stretch of consecutive samples in one load: samples of ours, with the garbage collector's in between
 * (a collection inside our task is part of it); anything else (idle, the page, the browser's own work) ends it.
 */
function printLongest(owners: string[], msOf: (i: number) => number, run: number): void {
  let best = { ms: 0, from: 0, to: 0 };
  for (let i = 0; i < owners.length;) {
    if (!isOurs(owners[i]!)) {
      i++;
      continue;
    }
    let j = i;
    let ms = 0;
    while (j < owners.length && (isOurs(owners[j]!) || owners[j] === '(garbage collector)')) ms += msOf(j++);
    if (ms > best.ms) best = { ms, from: i, to: j };
    i = j;
  }
  const parts = new Map<string, number>();
  for (let i = best.from; i < best.to; i++) parts.set(owners[i]!, (parts.get(owners[i]!) ?? 0) + msOf(i));
  console.log(`load ${run}: longest stretch of ours ${best.ms.toFixed(1)} ms`);
  for (const [name, ms] of [...parts].sort((a, b) => b[1] - a[1]).slice(0, 8))
    console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${name}`);
}

function isOurs(owner: string): boolean {
  return owner.includes('src/content/') || owner.includes('assets/');
}
