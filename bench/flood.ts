// `npx tsx bench/flood.ts [--runs 3] [--dist dist/chrome]`
// Issue 17: how long a normal request waits behind a flood of 10,000 requests from another extension page, for our
// service worker and for the floor: a bare worker (bench/flood-floor/) that answers every message at once. Chromium
// delivers a worker's messages first come first served, so the floor is the browser's own delivery time.
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from './stats.ts';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, dist: { type: 'string', default: 'dist/chrome' } },
});
const FLOOD = 10_000;

async function run(dir: string, pagePath: string): Promise<{ normalMs: number; floodMs: number }> {
  const profile = mkdtempSync(join(tmpdir(), 'secid-flood-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium',
    headless: true,
    args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--headless=new'],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    const flooder = await context.newPage();
    await flooder.goto(`chrome-extension://${id}/${pagePath}`);
    const other = await context.newPage();
    await other.goto(`chrome-extension://${id}/${pagePath}`);
    const ask = () => other.evaluate(() => chrome.runtime.sendMessage({ type: 'resolve', query: 'ML01' }));
    await ask();
    await flooder.evaluate((n) => {
      const all = Array.from({ length: n }, (_, i) =>
        chrome.runtime.sendMessage({ type: 'search', query: `prompt injection ${i}` }),
      );
      (window as unknown as { flood: Promise<unknown> }).flood = Promise.allSettled(all);
    }, FLOOD);
    const t0 = Date.now();
    await ask();
    const normalMs = Date.now() - t0;
    await flooder.evaluate(() => (window as unknown as { flood: Promise<unknown> }).flood);
    return { normalMs, floodMs: Date.now() - t0 };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const ours: number[] = [];
const floor: number[] = [];
for (let i = 0; i < Number(args.runs); i++) {
  const f = await run(resolve('bench/flood-floor'), 'page.html');
  const o = await run(resolve(args.dist!), 'src/secid-page/secid-page.html');
  floor.push(f.normalMs);
  ours.push(o.normalMs);
  console.log(
    `run ${i}: a normal request behind ${FLOOD} messages: floor ${f.normalMs} ms (flood ${f.floodMs}), ours ${o.normalMs} ms (flood ${o.floodMs})`,
  );
}
console.log(
  `median: floor ${median(floor)} ms, ours ${median(ours)} ms (${(median(ours) / median(floor)).toFixed(2)}x)`,
);
