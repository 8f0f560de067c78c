// The Firefox e2e suite: headless Firefox ESR over WebDriver BiDi with dist/firefox installed as a temporary add-on.
//   node --import tsx tests/firefox/run.ts [--json=out/test-results/firefox.json] [--filter=popup]
// Prints one line per test and a closing "N passed, N failed"; --json writes {passed, failed, tests} for npm test.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { GECKO_ID } from '../../scripts/firefox-manifest.ts';
import { startStaticServer } from '../support/static-server.ts';
import { TestContext } from './context.ts';
import { Firefox, newExtensionUuid } from './firefox.ts';
import { Suite, type TestResult } from './harness.ts';
import { contentTests } from './specs/content.ts';
import { extensionTests } from './specs/extension.ts';
import { hostileTests } from './specs/hostile.ts';

const DIST = resolve('dist/firefox');
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const jsonFile = arg('json');
const filter = arg('filter') ?? '';

function report(results: TestResult[], startedAt: number): void {
  const skipped = results.filter((r) => r.skipped !== undefined).length;
  const passed = results.filter((r) => r.ok && r.skipped === undefined).length;
  const failed = results.filter((r) => !r.ok).length;
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  if (jsonFile) {
    mkdirSync(dirname(jsonFile), { recursive: true });
    writeFileSync(
      jsonFile,
      `${JSON.stringify({ passed, failed, skipped, seconds: Number(seconds), tests: results }, null, 2)}\n`,
    );
  }
  console.log(`firefox: ${results.length} tests in ${seconds} s`);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const suite = new Suite<TestContext>();
  extensionTests(suite);
  contentTests(suite);
  hostileTests(suite);

  if (!existsSync(`${DIST}/manifest.json`)) {
    console.log(`  FAIL setup: no ${DIST}/manifest.json (run npm run build first)`);
    return report([{ name: 'setup', ok: false, ms: 0, error: 'dist/firefox is not built' }], startedAt);
  }

  const site = await startStaticServer({ '/': 'tests/fixtures/pages' });
  const uuid = newExtensionUuid();
  let ff: Firefox | undefined;
  let results: TestResult[] = [];
  try {
    ff = await Firefox.launch({ systemAccess: true, extensionUuids: { [GECKO_ID]: uuid } });
    const addonId = await ff.installAddon(DIST);
    // The popup page doubles as the place to call extension APIs from (tabs, storage, messaging).
    const control = await ff.newTab();
    await ff.navigate(control, `moz-extension://${uuid}/src/popup/popup.html`);
    console.log(
      `firefox ${ff.version}: installed ${addonId} at moz-extension://${uuid}/ (${Math.round(performance.now() - startedAt)} ms)`,
    );
    results = await suite.run(new TestContext(ff, addonId, uuid, site, control), filter);
  } catch (error) {
    // Launch or install failed: every test counts as failed, with the reason once.
    const message = error instanceof Error ? error.message : String(error);
    console.log(`  FAIL setup: ${message}`);
    results = [{ name: 'setup', ok: false, ms: 0, error: message }];
  } finally {
    await ff?.close();
    await site.close();
  }
  report(results, startedAt);
}

await main();
