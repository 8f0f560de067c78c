// One headless Chromium with the built extension; measurements of ours, the peers and the floor on the same pages.
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { launchExtension, type ExtensionBrowser } from '../tests/support/launch.ts';
import { DEFAULT_SETTINGS } from '../src/core/settings.ts';
import { inPage } from '../tests/support/in-page.ts';
import { recorderScript, waitIds, waitScanned, type ScanSnapshot } from '../tests/support/scan-recorder.ts';
import { startTrace, syncOffsetMs, SYNC_MARK, type TraceEvent } from '../tests/support/trace.ts';
import { attribute } from './attribution.ts';
import {
  appendBursts,
  keepBody,
  restoreBody,
  runFindAndReplace,
  runFloor,
  runMarkJs,
  settle,
  type SyncTiming,
} from './in-page.ts';
import type { BenchServer } from './server.ts';

const MARK_JS = resolve('node_modules/mark.js/dist/mark.min.js');
const FIND_AND_REPLACE = resolve('node_modules/findandreplacedomtext/src/findAndReplaceDOMText.js');
/** BENCH_DEBUG=1 prints where the time of each measurement goes. */
const debug = process.env.BENCH_DEBUG
  ? (label: string, t0: number) => console.log(`  ${label} ${Date.now() - t0} ms`)
  : () => {};

export interface Bench extends ExtensionBrowser {
  browserVersion: string;
  userAgent: string;
}

export async function launch(dist: string, server: BenchServer): Promise<Bench> {
  const browser = await launchExtension({
    dist,
    label: 'bench',
    viewport: { width: 1280, height: 800 },
    // Chromium may preload its WebUI omnibox popup in a renderer of its own mid-run (seen once in a trace): not here.
    args: ['--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup'],
  });
  const { context, worker } = browser;
  // The extension is off on localhost: peers and the floor load the same pages there, in the same session.
  // Hover delay 0: the first-card figures are then our own latency, not the dwell (nothing else here hovers).
  const settings = { ...DEFAULT_SETTINGS, excludedSites: ['localhost'], hoverDelayMs: 0 };
  await worker.evaluate((s) => chrome.storage.sync.set({ settings: s }), settings);
  await context.addInitScript({ content: recorderScript(new URL(server.on).host) });
  for (const p of context.pages()) await p.close();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const version = (await cdp.send('Browser.getVersion')) as { product: string; userAgent: string };
  await page.close();
  return { ...browser, browserVersion: version.product, userAgent: version.userAgent };
}

export interface OursRun {
  /** DOMContentLoaded -> first pass done (every ID registered), ms. NaN when no pass completed. */
  wallMs: number;
  /** Navigation start -> done, ms. */
  fromNavigationMs: number;
  /** DOMContentLoaded -> the start of our first task (content script injection, at document_end), ms. */
  startAfterDclMs: number;
  /** Main-thread time of tasks running our code up to done (trace attribution), and their CPU time. */
  busyMs: number;
  cpuMs: number;
  /** The same over the whole traced window (done + quiet period included). */
  busyTotalMs: number;
  injectionMs: number;
  /** Style, layout and paint of the frames our rAF callbacks ran in, up to done (not in busyMs; an upper bound). */
  frameRestMs: number;
  longestFrameMs: number;
  longestTaskMs: number;
  longestTaskCpuMs: number;
  tasks: number;
  tasksOver50: number;
  /** Longest PerformanceObserver long task between DOMContentLoaded and done, whoever caused it. */
  longestLongTaskMs: number;
  ids: number;
  passes: number;
  hostFound: boolean;
  traceEvents: number;
  /** With options.heap: after done, after full GCs. */
  heap?: HeapUsage;
}

export interface RunOptions {
  /** Page loads. */
  timeoutMs: number;
  /** How long ours may take to report done before the run counts as timed out (default: timeoutMs). */
  scanTimeoutMs?: number;
  /** Also take the heap after full GCs: ours after the trace ends, the peers' page before anything is injected. */
  heap?: boolean;
  quietMs: number;
  /** Trace categories (default: tests/support/trace.ts TRACE_CATEGORIES, without the CPU profiler). */
  categories?: string[];
}

/** Loads `url` (extension on) under a trace and waits for our scan to finish. */
export async function measureOurs(bench: Bench, url: string, options: RunOptions): Promise<OursRun & { page?: Page }> {
  const page = await bench.context.newPage();
  try {
    const t0 = Date.now();
    const cdp = await bench.context.newCDPSession(page);
    const stop = await startTrace(cdp, options.categories);
    debug('ours: tracing', t0);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: options.timeoutMs });
    debug('ours: DOMContentLoaded', t0);
    const snap = await waitScanned(page, {
      timeoutMs: options.scanTimeoutMs ?? options.timeoutMs,
      quietMs: options.quietMs,
    });
    debug('ours: done + quiet', t0);
    const events = await stop();
    debug(`ours: trace stopped (${events.length} events)`, t0);
    await cdp.detach();
    const heap = options.heap ? await heapAfterGc(bench, page) : undefined;
    return { ...summariseOurs(snap, events), ...(heap ? { heap } : {}) };
  } finally {
    await page.close();
  }
}

function summariseOurs(snap: ScanSnapshot, events: TraceEvent[]): OursRun {
  const dones = snap.events.filter((e) => e.scan === 'done');
  // The last completed pass before the page went quiet: with no page mutations, every pass is part of the first scan.
  const done = dones[dones.length - 1];
  const doneAt = done?.t ?? NaN;
  const attr = attribute(events);
  const offset = syncOffsetMs(events, snap.syncAt);
  const doneTrace = offset !== undefined && Number.isFinite(doneAt) ? doneAt + offset : Infinity;
  const untilDone = attr.tasks.filter((t) => t.startMs <= doneTrace);
  const longTasks = snap.longTasks.filter(([s, d]) => s + d >= snap.dcl && (Number.isNaN(doneAt) || s <= doneAt));
  return {
    wallMs: doneAt - snap.dcl,
    fromNavigationMs: doneAt,
    startAfterDclMs: offset !== undefined && attr.tasks.length ? attr.tasks[0]!.startMs - (snap.dcl + offset) : NaN,
    busyMs: untilDone.reduce((s, t) => s + t.ms, 0),
    cpuMs: untilDone.reduce((s, t) => s + t.cpuMs, 0),
    busyTotalMs: attr.busyMs,
    injectionMs: attr.injectionMs,
    frameRestMs: untilDone.reduce((sum, t) => sum + t.frameRestMs, 0),
    longestFrameMs: attr.longestFrameMs,
    longestTaskMs: attr.longestMs,
    longestTaskCpuMs: attr.longestCpuMs,
    tasks: attr.tasks.length,
    tasksOver50: attr.over50,
    longestLongTaskMs: longTasks.reduce((m, [, d]) => Math.max(m, d), 0),
    ids: done?.ids ?? NaN,
    passes: dones.length,
    hostFound: snap.hostFound,
    traceEvents: events.length,
  };
}

export interface PeersRun {
  floorMs: number;
  innerTextMs: number;
  floorCount: number;
  floorChars: number;
  markJs: SyncTiming;
  findAndReplace: SyncTiming;
  /** True when the extension left the localhost pages alone (no host element). */
  offClean: boolean;
  /** With options.heap: the loaded page after full GCs, before the peers' scripts and the body copy. */
  heap?: HeapUsage;
}

/**
 * One load of the page on the extension-off host: the floor, then one peer, then the page's original body is put
 * back (a deep copy taken before anything ran) and the other peer runs. A reload of a 10 MB page costs seconds; the
 * copy costs a relayout. `markJsFirst` alternates by iteration, so neither peer always runs on the copied body.
 */
export async function measurePeers(
  bench: Bench,
  url: string,
  src: string,
  options: RunOptions,
  markJsFirst = true,
): Promise<PeersRun> {
  const t0 = Date.now();
  const page = await bench.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs });
    let heap: HeapUsage | undefined;
    if (options.heap) {
      await inPage(page, settle, options.quietMs);
      heap = await heapAfterGc(bench, page);
    }
    await page.addScriptTag({ path: MARK_JS });
    await page.addScriptTag({ path: FIND_AND_REPLACE });
    const offClean = (await page.$('secid-lens-root')) === null;
    await inPage(page, keepBody, null);
    await inPage(page, settle, 200);
    debug('peers: loaded', t0);
    const floor = await inPage(page, runFloor, src);
    const first = await inPage(page, markJsFirst ? runMarkJs : runFindAndReplace, src);
    debug('peers: floor, first peer', t0);
    await inPage(page, restoreBody, null);
    await inPage(page, settle, 200);
    debug('peers: body restored', t0);
    const second = await inPage(page, markJsFirst ? runFindAndReplace : runMarkJs, src);
    debug('peers: second peer', t0);
    const [markJs, findAndReplace] = markJsFirst ? [first, second] : [second, first];
    return {
      floorMs: floor.ms,
      innerTextMs: floor.innerTextMs,
      floorCount: floor.count,
      floorChars: floor.chars,
      markJs,
      findAndReplace,
      offClean,
      ...(heap ? { heap } : {}),
    };
  } finally {
    await page.close();
  }
}

export interface HeapUsage {
  usedSize: number;
  totalSize: number;
  embedderHeapUsedSize?: number;
  backingStorageSize?: number;
}

/** The page's JS (V8) and DOM (Blink) heap after three full GCs. */
async function heapAfterGc(bench: Bench, page: Page): Promise<HeapUsage> {
  const cdp = await bench.context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as HeapUsage;
  await cdp.detach();
  return usage;
}

export interface BurstRun {
  initialIds: number;
  expectedIds: number;
  finalIds: number;
  /** Last burst appended -> done with every new ID registered. */
  reactMs: number;
  /** Per burst: appended -> the first report (data-ids, busy or done) that covers its IDs. */
  burstLatencyMs: number[];
  appendMs: number[];
  busyMs: number;
  longestTaskMs: number;
  mixedTasks: number;
  /** The rest of the rendering frames our rAF callbacks ran in (see bench/attribution.ts). */
  frameRestMs: number;
}

/** Loads the issue page, waits for our first scan, then appends comments in bursts and times our reaction. */
export async function measureBursts(
  bench: Bench,
  url: string,
  burst: { comments: string[]; idsPerBurst: number[]; perBurst: number; intervalMs: number },
  options: RunOptions,
): Promise<BurstRun> {
  const page = await bench.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: options.timeoutMs });
    const snap = await waitScanned(page, {
      timeoutMs: options.scanTimeoutMs ?? options.timeoutMs,
      quietMs: options.quietMs,
    });
    const initialIds = snap.events.filter((e) => e.scan === 'done').pop()?.ids ?? 0;
    const cdp = await bench.context.newCDPSession(page);
    const stop = await startTrace(cdp, options.categories);
    const appended = await inPage(page, appendBursts, {
      comments: burst.comments,
      perBurst: burst.perBurst,
      intervalMs: burst.intervalMs,
      syncMark: SYNC_MARK,
    });
    const expectedIds = initialIds + burst.idsPerBurst.reduce((s, n) => s + n, 0);
    const events = await waitIds(page, { ids: expectedIds, timeoutMs: options.scanTimeoutMs ?? options.timeoutMs });
    const trace = await stop();
    await cdp.detach();
    const after = events.filter((e) => e.t >= appended.startAt && e.scan === 'done');
    let cumulative = initialIds;
    const burstLatencyMs = appended.appendedAt.map((t, i) => {
      cumulative += burst.idsPerBurst[i] ?? 0;
      // Registered = hoverable: the first report (busy or done) whose data-ids covers this burst.
      const d = events.find((e) => e.t >= t && e.ids >= cumulative);
      return d ? d.t - t : NaN;
    });
    const final = after[after.length - 1];
    const offset = syncOffsetMs(trace, appended.syncAt);
    const attr = attribute(trace);
    const fromTrace = offset !== undefined ? appended.startAt + offset : -Infinity;
    const tasks = attr.tasks.filter((t) => t.startMs >= fromTrace);
    return {
      initialIds,
      expectedIds,
      finalIds: final?.ids ?? NaN,
      reactMs: final && final.ids >= expectedIds ? final.t - appended.appendedAt[appended.appendedAt.length - 1]! : NaN,
      burstLatencyMs,
      appendMs: appended.appendMs,
      busyMs: tasks.reduce((s, t) => s + t.ms, 0),
      longestTaskMs: tasks.reduce((m, t) => Math.max(m, t.ms), 0),
      mixedTasks: tasks.filter((t) => t.kind === 'mixed').length,
      frameRestMs: tasks.reduce((sum, t) => sum + t.frameRestMs, 0),
    };
  } finally {
    await page.close();
  }
}
