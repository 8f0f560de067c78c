// Time from the pointer coming to rest on an ID to its card painted, with the service worker stopped first (cold
// wake: the worker starts, loads the registry, and injects the card UI into the page) and then on another ID of the
// same page (warm: the card UI is loaded, the worker is up, the answer is not cached).
import type { Page } from '@playwright/test';
import type { Bench } from './harness.ts';
import { inPage } from '../tests/support/in-page.ts';

export interface FirstCardRun {
  /** Pointer at rest (its pointermove's timestamp) -> the animation frame after the card entered our shadow root. */
  coldMs: number;
  warmMs: number;
  /** The service worker was seen stopped before the cold card. */
  stopped: boolean;
}

/** Page world: where the nth occurrence of `text` is (scrolled into view), or null. */
export function locate(arg: { text: string; nth: number }): { x: number; y: number } | null {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const data = (n as Text).data;
    for (let i = data.indexOf(arg.text); i >= 0; i = data.indexOf(arg.text, i + 1)) {
      if (seen++ < arg.nth) continue;
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + arg.text.length);
      const r0 = range.getBoundingClientRect();
      if (r0.top < 0 || r0.bottom > innerHeight) window.scrollBy(0, r0.top - innerHeight / 2);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
  }
  return null;
}

/** Page world: resolves with the time from the last trusted pointermove to the frame after a card appears. */
function armCard(timeoutMs: number): Promise<number> {
  const w = window as unknown as { __benchCard?: Promise<number> };
  let rest = NaN;
  addEventListener('pointermove', (e) => e.isTrusted && (rest = e.timeStamp), { capture: true });
  const root = document.querySelector('secid-lens-root')?.shadowRoot;
  w.__benchCard = new Promise<number>((ok) => {
    if (!root) return ok(NaN);
    const timer = setTimeout(() => ok(NaN), timeoutMs);
    const mo = new MutationObserver(() => {
      if (!root.querySelector('.secid-card')) return;
      mo.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => ok(performance.now() - rest));
    });
    mo.observe(root, { childList: true, subtree: true });
  });
  return Promise.resolve(0);
}

function cardTime(): Promise<number> {
  return (window as unknown as { __benchCard?: Promise<number> }).__benchCard ?? Promise.resolve(NaN);
}

async function cardAt(page: Page, text: string, nth: number, timeoutMs: number): Promise<number> {
  await page.mouse.move(2, 2);
  await page.keyboard.press('Escape');
  const point = await inPage(page, locate, { text, nth });
  if (!point) return NaN;
  await inPage(page, armCard, timeoutMs);
  // One move, straight onto the ID: its pointermove is the moment the pointer rests there.
  await page.mouse.move(point.x, point.y);
  return inPage(page, cardTime, null);
}

/** After the worker reports stopped, the time left for its stop to finish before the pointer moves. */
const STOP_SETTLE_MS = 1000;

/** Stops every service worker (ours included) through CDP, waits until ours reports stopped, then STOP_SETTLE_MS. */
async function stopWorker(page: Page): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    let stopped = false;
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { scriptURL: string; runningStatus: string }[] }) => {
      if (e.versions.some((v) => v.scriptURL.startsWith('chrome-extension://') && v.runningStatus === 'stopped'))
        stopped = true;
    });
    await cdp.send('ServiceWorker.stopAllWorkers');
    for (let i = 0; i < 50 && !stopped; i++) await new Promise((r) => setTimeout(r, 100));
    // Chrome stops an idle worker 30 s after its last event, so a user's pointer finds it long gone. A message sent
    // while the stop is still being torn down waits for that first (about 250 ms more here: see bench/notes.md,
    // "Cold first card"), which is the stop's cost, not the wake's.
    await new Promise((r) => setTimeout(r, STOP_SETTLE_MS));
    return stopped;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * One run on `url` (extension on; the settings' hover delay is 0, so the figure is our own latency, not the dwell):
 * waits for the scan, stops the service worker, rests the pointer on `cold`, then on `warm`.
 */
export async function measureFirstCard(
  bench: Bench,
  url: string,
  ids: { cold: string; warm: string },
  timeoutMs = 10_000,
): Promise<FirstCardRun> {
  const page = await bench.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(
      () => document.querySelector('secid-lens-root')?.getAttribute('data-scan') === 'done',
      null,
      { timeout: 60_000 },
    );
    const stopped = await stopWorker(page);
    const coldMs = await cardAt(page, ids.cold, 0, timeoutMs);
    const warmMs = await cardAt(page, ids.warm, 0, timeoutMs);
    return { coldMs, warmMs, stopped };
  } finally {
    await page.close();
  }
}

/** Page world: resolves with performance.now() at the frame after a card appears (NaN after the time-out). */
export function armCardAt(timeoutMs: number): Promise<number> {
  const w = window as unknown as { __benchCardAt?: Promise<number> };
  w.__benchCardAt ??= new Promise<number>((ok) => {
    const timer = setTimeout(() => ok(NaN), timeoutMs);
    const check = () => {
      const root = document.querySelector('secid-lens-root')?.shadowRoot;
      if (!root?.querySelector('.secid-card')) return false;
      clearTimeout(timer);
      requestAnimationFrame(() => ok(performance.now()));
      return true;
    };
    const poll = () => {
      if (!check()) setTimeout(poll, 20);
    };
    poll();
  });
  return Promise.resolve(0);
}

export function cardAtTime(): Promise<{ card: number; dcl: number }> {
  const w = window as unknown as { __benchCardAt?: Promise<number> };
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return (w.__benchCardAt ?? Promise.resolve(NaN)).then((card) => ({
    card,
    dcl: nav?.domContentLoadedEventStart ?? NaN,
  }));
}

export function cardShown(): boolean {
  return !!document.querySelector('secid-lens-root')?.shadowRoot?.querySelector('.secid-card');
}

/**
 * DOMContentLoaded -> a card painted for an ID in view, with the pointer resting on it from the start (moved by a
 * pixel every 100 ms, as a hand does): what a user who opens the page and points at an ID waits for.
 */
export async function measureCardAfterLoad(
  bench: Bench,
  url: string,
  text: string,
  timeoutMs = 20_000,
): Promise<number> {
  const page = await bench.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await inPage(page, armCardAt, timeoutMs);
    const point = await inPage(page, locate, { text, nth: 0 });
    if (!point) return NaN;
    const until = Date.now() + timeoutMs;
    for (let i = 0; Date.now() < until; i++) {
      await page.mouse.move(point.x + (i % 2), point.y);
      if (await inPage(page, cardShown, null)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const { card, dcl } = await inPage(page, cardAtTime, null);
    return card - dcl;
  } finally {
    await page.close();
  }
}
