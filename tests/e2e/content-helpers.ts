import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from '@playwright/test';
import type { TraceEvent } from '../support/trace.ts';

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
  const name = `big-${mb}mb-v4.html`;
  const file = join(GENERATED, name);
  if (existsSync(file)) return `generated/${name}`;
  mkdirSync(GENERATED, { recursive: true });
  const ids = ['ML01', 'LLM02', 'CVE-2024-3094', 'CWE-79', 'AML.T0051', 'T1059.003', 'LLM01:2025', 'ML05'];
  const words =
    'the model service handles requests from users and logs every call to storage for later review by the team'.split(
      ' ',
    );
  let seed = 7;
  const rnd = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 16) % n;
  };
  const sentence = () =>
    Array.from({ length: 12 + rnd(10) }, (_, i) =>
      i === 5 && rnd(20) === 0 ? ids[rnd(ids.length)] : words[rnd(words.length)],
    ).join(' ');
  const parts: string[] = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Big page</title></head><body><h1>Big page</h1>',
  ];
  let size = 0;
  const target = mb * 1024 * 1024;
  let section = 0;
  while (size < target) {
    let chunk = `<section><h2>Section ${++section}</h2>`;
    for (let p = 0; p < 8; p++)
      chunk += `<p>${sentence()}. ${sentence()} <a href="#s${section}">${sentence()}</a>. <code>${p % 4 === 0 ? ids[rnd(ids.length)] : 'value'}</code> ${sentence()}.</p>`;
    chunk += '<table>';
    for (let r = 0; r < 6; r++)
      chunk += `<tr><td>${r}</td><td>${sentence()}</td><td>${rnd(8) === 0 ? ids[rnd(ids.length)] : 'none'}</td></tr>`;
    chunk += '</table>';
    if (section % 20 === 0)
      chunk += `<pre>${Array.from({ length: 200 }, () => `${rnd(99999)} INFO ${sentence()}`).join('\n')}</pre>`;
    chunk += '</section>';
    parts.push(chunk);
    size += chunk.length;
  }
  // Like most real pages, this one changes its DOM once after load. Chrome defers part of its first rendering work
  // to the first lifecycle update after load (about 150 ms here); without this, whoever touches the DOM first pays it.
  parts.push(
    `<script>addEventListener('load', () => setTimeout(() => document.body.append(document.createElement('footer'))))</script>`,
  );
  parts.push('</body></html>');
  writeFileSync(file, parts.join('\n'));
  return `generated/${name}`;
}

/** Moves the pointer to the middle of the `nth` occurrence of `text` inside `selector` (page text, main world). */
export async function pointAt(page: Page, text: string, selector = 'body', nth = 0): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(
    ({ text, selector, nth }) => {
      const root = document.querySelector(selector);
      if (!root) return null;
      // nth < 0 counts from the end (-1: the last occurrence).
      const found: [Node, number][] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const data = (n as Text).data;
        for (let i = data.indexOf(text); i >= 0; i = data.indexOf(text, i + 1)) found.push([n, i]);
        if (nth >= 0 && found.length > nth) break;
      }
      const hit = found.at(nth);
      if (!hit) return null;
      const [n, i] = hit;
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + text.length);
      (n.parentElement ?? document.body).scrollIntoView({ block: 'center' });
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
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

export interface TraceTask {
  /** Start, in the trace clock (microseconds). */
  ts: number;
  /** Wall and main-thread CPU time, in ms. */
  wallMs: number;
  cpuMs: number;
  /** CPU time of garbage collection inside the task, in ms. */
  gcMs: number;
  /** Names of the events inside the task (FunctionCall, RunPostTaskCallback, Layout, MinorGC...). */
  inside: Set<string>;
}

/**
 * The tasks of every renderer main thread in a trace (tests/support/trace.ts), with what ran inside each. CPU time
 * (not wall time) tells real long tasks from a busy machine stretching short ones, so a check on them means something
 * on a shared 2-core test box.
 */
export function rendererTasks(events: TraceEvent[]): TraceTask[] {
  const mains = new Set(
    events
      .filter((e) => e.name === 'thread_name' && (e.args as { name?: string } | undefined)?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const onMain = events.filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts);
  const isTask = (e: TraceEvent) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';
  const tasks: TraceTask[] = [];
  for (let i = 0; i < onMain.length; i++) {
    const e = onMain[i]!;
    if (!isTask(e)) continue;
    const end = e.ts + (e.dur ?? 0);
    const inside = new Set<string>();
    let gc = 0;
    for (let j = i + 1; j < onMain.length && onMain[j]!.ts < end; j++) {
      const k = onMain[j]!;
      if (k.pid !== e.pid || k.tid !== e.tid) continue;
      inside.add(k.name);
      if (k.name === 'MinorGC' || k.name === 'MajorGC') gc += (k.tdur ?? k.dur ?? 0) / 1000;
    }
    tasks.push({ ts: e.ts, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? e.dur ?? 0) / 1000, gcMs: gc, inside });
  }
  return tasks;
}

/** A page of exactly `total` elements (html, head, title, body, one paragraph with an ID, a div of empty <i>s). */
export function writeElementsPage(total: number): string {
  const name = `elements-${total}.html`;
  const file = join(GENERATED, name);
  if (existsSync(file)) return `generated/${name}`;
  mkdirSync(GENERATED, { recursive: true });
  const head = '<!doctype html><html lang="en"><head><title>Elements</title></head><body><p>See CWE-79 here.</p><div>';
  writeFileSync(file, `${head}${'<i></i>'.repeat(total - 6)}</div></body></html>`);
  return `generated/${name}`;
}

/**
 * A text file's shape: one <pre> whose text is mostly a few long text nodes (over 64 KB each, of words that hold no
 * candidate), with `middle` (HTML) between the first and the second (`long` false: `middle` alone); `name` keeps
 * variants apart.
 */
export function writeLongTextPage(name: string, middle: string, long = true): string {
  const file = join(GENERATED, `long-text-${name}.html`);
  mkdirSync(GENERATED, { recursive: true });
  const words = long ? 'lorem ipsum dolor sit amet, the log goes on without any identifier in it\n'.repeat(1000) : '';
  writeFileSync(
    file,
    `<!doctype html><html lang="en"><head><title>Log</title></head><body><pre>${words}${middle}${words}</pre></body></html>`,
  );
  return `generated/long-text-${name}.html`;
}
