// `npm run bench:ab -- A B [...] [--page article-1m] [--runs 12]`: compares builds of the extension on one page.
// A and B are built extensions (a dist/chrome folder) or git revisions (built once into bench/tmp/ab/<commit>).
// Each build has its own browser, and the loads take turns (A, B, A, B, ...) in one session: on a shared machine
// whose speed drifts by 2x within minutes, only loads interleaved like this can be compared (see bench/notes.md).
// Pages: those of `npm run bench` (bench/page-set.ts), no-ids-100k, the dense pages and first-card.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureCardAfterLoad, measureFirstCard } from './first-card.ts';
import { launch, measureOurs, type Bench } from './harness.ts';
import { DENSE, FIRST_CARD_HTML, FIRST_CARD_IDS, LOAD_OPTIONS, NO_IDS, NO_IDS_WINDOW, PAGES } from './page-set.ts';
import { startBenchServer } from './server.ts';
import { median, round } from './stats.ts';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { page: { type: 'string', default: 'no-ids-100k' }, runs: { type: 'string', default: '12' } },
});
const TMP = 'bench/tmp/pages';
const BUILDS = 'bench/tmp/ab';

/** A folder holding manifest.json is used as it is; anything else is a git revision, built once. */
function distOf(arg: string): string {
  if (existsSync(join(arg, 'manifest.json'))) return resolve(arg);
  const commit = execFileSync('git', ['rev-parse', '--verify', `${arg}^{commit}`], { encoding: 'utf8' }).trim();
  const dir = resolve(BUILDS, commit.slice(0, 12));
  if (existsSync(join(dir, 'dist/chrome/manifest.json'))) return join(dir, 'dist/chrome');
  console.log(`building ${arg} (${commit.slice(0, 12)}) into ${dir}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${dir}"`]);
  // The revision's own lock file may differ from ours; this one's packages are close enough to build it.
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: dir, stdio: 'inherit' });
  return join(dir, 'dist/chrome');
}

interface Figures {
  [name: string]: number;
}

/** One load of the page on one build: the figures that matter for that kind of page. */
type Measure = (bench: Bench, url: string, run: number) => Promise<Figures>;

function measureFor(page: string, on: string): { file: string; html: string; measure: Measure } {
  if (page === 'first-card')
    return {
      file: 'first-card.html',
      html: FIRST_CARD_HTML,
      measure: async (bench, url) => {
        const r = await measureFirstCard(bench, url, FIRST_CARD_IDS);
        return { coldCardMs: r.coldMs, warmCardMs: r.warmMs };
      },
    };
  if (page === 'no-ids-100k')
    return {
      file: 'no-ids-100k.html',
      html: NO_IDS().html,
      measure: async (bench, url) => {
        const r = await measureOurs(bench, url, { ...LOAD_OPTIONS, ...NO_IDS_WINDOW });
        return { busyMs: r.busyTotalMs, cpuMs: r.cpuMs };
      },
    };
  const dense = DENSE.find((d) => d.key === page);
  if (dense)
    return {
      file: `${page}.html`,
      html: dense.page().html,
      measure: async (bench, url, run) => {
        const r = await measureOurs(bench, url, LOAD_OPTIONS);
        const card = await measureCardAfterLoad(bench, `${on}/${page}.html?card=${run}`, dense.first);
        return {
          busyMs: r.busyMs,
          cpuMs: r.cpuMs,
          longestTaskMs: r.longestTaskMs,
          longestTaskCpuMs: r.longestTaskCpuMs,
          cardMs: card,
          ids: r.ids,
        };
      },
    };
  const spec = PAGES[page];
  if (!spec) {
    const names = ['no-ids-100k', 'first-card', ...Object.keys(PAGES), ...DENSE.map((d) => d.key)];
    throw new Error(`unknown page ${page}; pages: ${names.join(', ')}`);
  }
  return {
    file: `${page}.html`,
    html: spec.page().html,
    measure: async (bench, url) => {
      const r = await measureOurs(bench, url, LOAD_OPTIONS);
      return { wallMs: r.wallMs, busyMs: r.busyMs, cpuMs: r.cpuMs, longestTaskMs: r.longestTaskMs, ids: r.ids };
    },
  };
}

async function main(): Promise<void> {
  if (positionals.length < 1) throw new Error('usage: npm run bench:ab -- A B [...] [--page NAME] [--runs N]');
  const runs = Number(args.runs);
  const dists = positionals.map(distOf);
  mkdirSync(TMP, { recursive: true });
  const server = await startBenchServer(TMP);
  const { file, html, measure } = measureFor(args.page!, server.on);
  writeFileSync(join(TMP, file), html);
  const benches: Bench[] = [];
  const results: Figures[][] = dists.map(() => []);
  const load0 = loadavg()[0]!;
  try {
    for (const dist of dists) benches.push(await launch(dist, server));
    // Run 0 of each build is cold (the browser's first load of the page) and dropped.
    for (let run = 0; run <= runs; run++) {
      // Alternate which build goes first, so neither always follows the other.
      const order = run % 2 === 0 ? benches.map((_, i) => i) : benches.map((_, i) => benches.length - 1 - i);
      for (const i of order) {
        const figures = await measure(benches[i]!, `${server.on}/${file}?run=${run}`, run);
        if (run > 0) results[i]!.push(figures);
      }
      process.stdout.write(run === 0 ? 'runs: cold' : ` ${run}`);
    }
    console.log('\n');
  } finally {
    for (const b of benches) await b.close();
    await server.close();
  }
  const names = Object.keys(results[0]![0] ?? {});
  console.log(`${args.page}, ${runs} loads per build, interleaved; medians [min-max]; ratio to the first build`);
  for (const [i, arg] of positionals.entries()) {
    const cells = names.map((name) => {
      const xs = results[i]!.map((f) => f[name]!).filter(Number.isFinite);
      const base = median(results[0]!.map((f) => f[name]!).filter(Number.isFinite));
      const m = median(xs);
      const ratio = i > 0 && base ? ` (${round(m / base)}x)` : '';
      return `${name} ${round(m)} [${round(Math.min(...xs))}-${round(Math.max(...xs))}]${ratio}`;
    });
    console.log(`  ${arg}: ${cells.join(', ')}`);
  }
  console.log(`load average ${load0.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end`);
}

await main();
process.exit(0);
