// `npm start`: build, serve a demo page full of IDs on 127.0.0.1 and open Chromium with SecID Lens on it.
// With a display: a real window to play with (Ctrl-C ends). Without one: headless, hover every ID, write
// screenshots to out/ and print what each card says.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { launchExtension } from '../tests/support/launch.ts';
import { startStaticServer } from '../tests/support/static-server.ts';
import { ensureBrowsers } from './ensure-browsers.ts';

const OUT = resolve('out');

function build(): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { stdio: 'inherit' });
}

/** Client rectangles of every detected ID on the page, in document order. */
async function idBoxes(page: Page): Promise<{ text: string; x: number; y: number }[]> {
  return page.evaluate(() => {
    const ids = [
      'LLM01:2025',
      'LLM06',
      'LLM08',
      'ML01',
      'ML03',
      'ML05',
      'secid:weakness/owasp/ml-top10@2023#ML01',
      'AML.T0051',
      'AML.T0024',
      'T1059.003',
      'CVE-2024-3094',
      'GHSA-qwe2-5m4v-vwp4',
      'CWE-79',
      'A03:2021',
      'secid:weakness/owasp/llm-top10@2.0#LLM02',
      'HTML01',
    ];
    const out: { text: string; x: number; y: number }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<string>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.nodeValue ?? '';
      for (const id of ids) {
        const i = text.indexOf(id);
        if (i < 0 || seen.has(id)) continue;
        // Whole-token check, so ML01 is not taken from inside the SecID string.
        const before = text[i - 1] ?? ' ';
        if (/[\w#/:.-]/.test(before) && !id.startsWith('secid:')) continue;
        seen.add(id);
        const range = document.createRange();
        range.setStart(n, i + 1);
        range.setEnd(n, i + 2);
        const r = range.getBoundingClientRect();
        out.push({ text: id, x: r.left + r.width / 2 + window.scrollX, y: r.top + r.height / 2 + window.scrollY });
      }
    }
    return out;
  });
}

async function main(): Promise<void> {
  ensureBrowsers(['chromium']);
  build();
  const server = await startStaticServer({ '/': 'scripts/demo' });
  const url = `${server.url}/page.html`;
  const headless = !process.env.DISPLAY || process.env.CI === 'true' || process.argv.includes('--headless');
  const browser = await launchExtension({ label: 'demo', headed: !headless, viewport: { width: 1100, height: 900 } });
  const { context } = browser;
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  console.log(`\nDemo page: ${url}`);

  if (!headless) {
    console.log('Chromium is open with SecID Lens: hover an ID on the page. Ctrl-C to stop.');
    await new Promise<void>((done) => process.once('SIGINT', () => done()));
  } else {
    mkdirSync(OUT, { recursive: true });
    await page
      .locator('secid-lens-root[data-scan="done"]')
      .waitFor({ state: 'attached', timeout: 15000 })
      .catch(() => undefined);
    const boxes = await idBoxes(page);
    let shown = 0;
    const card = page.locator('secid-lens-root [role="tooltip"], secid-lens-root [role="dialog"]').first();
    for (const box of boxes) {
      // Close the previous card first, so the next one read is really the next one.
      await page.keyboard.press('Escape');
      await page.mouse.move(0, 0);
      await card.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => undefined);
      await page.evaluate((y) => window.scrollTo(0, Math.max(0, y - 300)), box.y);
      const scrollY = await page.evaluate(() => window.scrollY);
      await page.mouse.move(box.x, box.y - scrollY);
      const visible = await card.waitFor({ state: 'visible', timeout: 2500 }).then(
        () => true,
        () => false,
      );
      const name = box.text.replace(/[^A-Za-z0-9.-]+/g, '_');
      if (!visible) {
        console.log(`\n${box.text}: no card${box.text === 'HTML01' ? ' (correct: not an ID)' : ''}`);
        continue;
      }
      shown++;
      const secid = await card.getAttribute('data-secid');
      const text = (await card.innerText()).replace(/\n+/g, '\n  ');
      await page.screenshot({ path: join(OUT, `card-${name}.png`) });
      console.log(`\n${box.text} -> ${secid}\n  ${text}`);
    }
    console.log(`\n${shown} cards shown for ${boxes.length} IDs hovered; screenshots in ${OUT}/`);
  }
  await browser.close();
  await server.close();
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
