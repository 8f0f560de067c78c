// `npm test`: build, then every suite; prints one closing line "N passed, N failed" over all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { browserBuilds, ensureBrowsers } from './ensure-browsers.ts';
import { firefoxFailures, playwrightFailures, vitestFailures } from './lib/test-failures.ts';

interface Tally {
  name: string;
  passed: number;
  failed: number;
  skipped?: number;
}

const tallies: Tally[] = [];
/** Failed tests by suite, repeated in the summary: CI keeps only the tail of the output. */
const failures: string[] = [];
const node = process.execPath;
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

function run(name: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n=== ${name}: ${args.join(' ')}`);
  const result = spawnSync(args[0]!, args.slice(1), { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

/** A check that is one pass or one fail (typecheck, lint). */
function check(name: string, args: string[]): void {
  const code = run(name, args);
  tallies.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

mkdirSync('out/test-results', { recursive: true });

if (run('build', [node, '--import', 'tsx', 'scripts/build.ts']) !== 0) {
  tallies.push({ name: 'build', passed: 0, failed: 1 });
} else {
  if (wanted('typecheck')) check('typecheck', [node, 'node_modules/typescript/bin/tsc', '--noEmit']);
  if (wanted('lint')) check('lint', [node, 'node_modules/eslint/bin/eslint.js', '.']);
  if (wanted('format'))
    check('format', [node, 'node_modules/prettier/bin/prettier.cjs', '--check', '--log-level=warn', '.']);
  if (wanted('knip')) check('knip (unused files, exports, dependencies)', [node, 'node_modules/knip/bin/knip.js']);
  if (wanted('registry')) check('registry validate', [node, '--import', 'tsx', 'src/cli/main.ts', 'validate']);
  if (wanted('web-ext'))
    check('web-ext lint (firefox)', [
      node,
      'node_modules/web-ext/bin/web-ext.js',
      'lint',
      '--source-dir',
      'dist/firefox',
      '--warnings-as-errors',
      '--output',
      'text',
    ]);

  if (wanted('unit')) {
    const file = 'out/test-results/vitest.json';
    rmSync(file, { force: true });
    const code = run('unit', [
      node,
      'node_modules/vitest/vitest.mjs',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${file}`,
    ]);
    const report = readJson(file) as
      { numPassedTests?: number; numFailedTests?: number; numPendingTests?: number } | undefined;
    for (const failure of vitestFailures(report)) failures.push(`unit: ${failure}`);
    tallies.push({
      name: 'unit',
      passed: report?.numPassedTests ?? 0,
      failed: (report?.numFailedTests ?? 0) + (code !== 0 && !report?.numFailedTests ? 1 : 0),
      skipped: report?.numPendingTests ?? 0,
    });
  }

  // Each browser suite runs on both ends of the supported range (the installed build and the other one Debian offers).
  const builds = (name: 'chromium' | 'firefox') => {
    try {
      ensureBrowsers([name]);
      return browserBuilds(name);
    } catch (error) {
      console.error((error as Error).message);
      tallies.push({ name: `e2e (${name})`, passed: 0, failed: 1 });
      return [];
    }
  };

  if (wanted('e2e')) {
    for (const build of builds('chromium')) {
      const file = 'out/test-results/playwright.json';
      rmSync(file, { force: true });
      const code = run(
        `e2e (${build.label})`,
        [node, 'node_modules/@playwright/test/cli.js', 'test'],
        build.path ? { CHROMIUM_PATH: build.path } : {},
      );
      const report = readJson(file) as
        { stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number } } | undefined;
      const stats = report?.stats;
      for (const failure of playwrightFailures(report)) failures.push(`e2e (${build.label}): ${failure}`);
      tallies.push({
        name: `e2e (${build.label})`,
        passed: (stats?.expected ?? 0) + (stats?.flaky ?? 0),
        failed: (stats?.unexpected ?? 0) + (code !== 0 && !stats?.unexpected ? 1 : 0),
        skipped: stats?.skipped ?? 0,
      });
    }
  }

  if (wanted('firefox') && existsSync('tests/firefox/run.ts')) {
    for (const build of builds('firefox')) {
      const file = 'out/test-results/firefox.json';
      rmSync(file, { force: true });
      const code = run(
        `e2e (${build.label})`,
        [node, '--import', 'tsx', 'tests/firefox/run.ts', `--json=${file}`],
        build.path ? { FIREFOX_PATH: build.path } : {},
      );
      const report = readJson(file) as { passed?: number; failed?: number; skipped?: number } | undefined;
      for (const failure of firefoxFailures(report)) failures.push(`e2e (${build.label}): ${failure}`);
      tallies.push({
        name: `e2e (${build.label})`,
        passed: report?.passed ?? 0,
        failed: (report?.failed ?? 0) + (code !== 0 && !report?.failed ? 1 : 0),
        skipped: report?.skipped ?? 0,
      });
    }
  }
}

if (failures.length > 0) {
  console.log('\n=== failed tests');
  for (const failure of failures) console.log(`  ${failure.slice(0, 300)}`);
}
console.log('\n=== summary');
for (const t of tallies)
  console.log(
    `${t.name.padEnd(28)} ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`,
  );
const passed = tallies.reduce((n, t) => n + t.passed, 0);
const failed = tallies.reduce((n, t) => n + t.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
