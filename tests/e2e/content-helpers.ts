import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from '@playwright/test';

const PAGES = 'tests/fixtures/pages';
const GENERATED = join(PAGES, 'generated');

/** Builds the React fixture bundle (React 19 ships no UMD build) into generated/, when its source is newer. */
export async function buildReactFixture(): Promise<void> {
  const src = join(PAGES, 'src/github-issue.ts');
  const out = join(GENERATED, 'github-issue.js');
  if (existsSync(out) && statSync(out).mtimeMs > statSync(src).mtimeMs) return;
  await build({
    entryPoints: [src],
    outfile: out,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
}

/** A page of about `mb` megabytes of article text, tables and a long log, with IDs throughout (deterministic). */
export function writeBigPage(mb = 10): string {
  const file = join(GENERATED, `big-${mb}.html`);
  if (existsSync(file)) return `generated/big-${mb}.html`;
  mkdirSync(GENERATED, { recursive: true });
  const ids = ['ML01', 'LLM02', 'CVE-2024-3094', 'CWE-79', 'AML.T0051', 'T1059.003', 'LLM01:2025', 'ML05'];
  const words = 'the model service handles requests from users and logs every call to storage for later review by the team'.split(' ');
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  const sentence = () => Array.from({ length: 12 + rnd(10) }, (_, i) => (i === 5 && rnd(4) === 0 ? ids[rnd(ids.length)] : words[rnd(words.length)])).join(' ');
  const parts: string[] = ['<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Big page</title></head><body><h1>Big page</h1>'];
  let size = 0;
  const target = mb * 1024 * 1024;
  let section = 0;
  while (size < target) {
    let chunk = `<section><h2>Section ${++section}</h2>`;
    for (let p = 0; p < 8; p++) chunk += `<p>${sentence()}. ${sentence()} <a href="#s${section}">${sentence()}</a>. <code>${ids[rnd(ids.length)]}</code> ${sentence()}.</p>`;
    chunk += '<table>';
    for (let r = 0; r < 6; r++) chunk += `<tr><td>${r}</td><td>${sentence()}</td><td>${rnd(3) === 0 ? ids[rnd(ids.length)] : 'none'}</td></tr>`;
    chunk += '</table>';
    if (section % 20 === 0) chunk += `<pre>${Array.from({ length: 200 }, () => `${rnd(99999)} INFO ${sentence()}`).join('\n')}</pre>`;
    chunk += '</section>';
    parts.push(chunk);
    size += chunk.length;
  }
  parts.push('</body></html>');
  writeFileSync(file, parts.join('\n'));
  return `generated/big-${mb}.html`;
}

/** Moves the pointer to the middle of the `nth` occurrence of `text` inside `selector` (page text, main world). */
export async function pointAt(page: Page, text: string, selector = 'body', nth = 0): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(
    ({ text, selector, nth }) => {
      const root = document.querySelector(selector);
      if (!root) return null;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const data = (n as Text).data;
        for (let i = data.indexOf(text); i >= 0; i = data.indexOf(text, i + 1)) {
          if (seen++ < nth) continue;
          const range = document.createRange();
          range.setStart(n, i);
          range.setEnd(n, i + text.length);
          (n.parentElement ?? document.body).scrollIntoView({ block: 'center' });
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
      }
      return null;
    },
    { text, selector, nth },
  );
  if (!point) throw new Error(`"${text}" not found in ${selector}`);
  return point;
}

export async function hover(page: Page, text: string, selector = 'body', nth = 0): Promise<void> {
  await page.mouse.move(5, 5);
  const { x, y } = await pointAt(page, text, selector, nth);
  await page.mouse.move(x, y, { steps: 2 });
}

/** Errors a page reports: uncaught exceptions and console errors (other than a missing favicon). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`console.${m.type()}: ${m.text()}`);
  });
  return errors;
}
