// The in-page scan recorder: an init script that timestamps every change of our host's data-scan / data-ids
// attributes, so the benchmark and the e2e checks read when the content script started, when each pass ended and how
// many IDs it had registered, in the page's own clock. The functions below run in the page (serialised with
// toString(), see in-page.ts): they may use only their arguments and the page's globals.
import type { Page } from '@playwright/test';
import { inPage } from './in-page.ts';
import { SYNC_MARK } from './trace.ts';

/** The recorder's sourceURL, so a trace tells its callbacks apart from page and extension code (bench/attribution.ts). */
export const RECORDER_URL = 'secid-bench-recorder.js';

export interface HostEvent {
  /** performance.now() when the change was seen (end of the task that made it). */
  t: number;
  scan: string | null;
  ids: number;
}

interface RecorderState {
  dcl: number;
  load: number;
  events: HostEvent[];
  longTasks: [start: number, duration: number][];
  done: Promise<void>;
  /** Called after each recorded event (waitIds waits on it instead of polling). */
  listeners: (() => void)[];
}

/**
 * The init script to add to a context or page (before any page script runs). `onHost`: record only on this host
 * (the benchmark runs the peers on another host with the extension off); default every host.
 */
export function recorderScript(onHost: string | null = null): string {
  return `((__name) => (${recorderInit.toString()})(${JSON.stringify(onHost)}))((f) => f);\n//# sourceURL=${RECORDER_URL}\n`;
}

/**
 * It observes attributes only (plus direct children of <html> and <body> after DOMContentLoaded), so it adds no work
 * while the parser builds a 10 MB page.
 */
function recorderInit(onHost: string | null): void {
  const w = window as unknown as { __secidBench: RecorderState };
  let resolveDone: () => void = () => {};
  const state: RecorderState = {
    dcl: NaN,
    load: NaN,
    events: [],
    longTasks: [],
    listeners: [],
    done: new Promise<void>((ok) => (resolveDone = ok)),
  };
  w.__secidBench = state;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // Long Tasks API missing: the trace still has the task durations.
  }
  addEventListener('DOMContentLoaded', () => (state.dcl = performance.now()), { once: true });
  addEventListener('load', () => (state.load = performance.now()), { once: true });
  if (onHost !== null && location.host !== onHost) return;
  const TAG = 'secid-lens-root';
  const record = (host: Element) => {
    const scan = host.getAttribute('data-scan');
    const ids = host.getAttribute('data-ids');
    state.events.push({ t: performance.now(), scan, ids: ids === null ? NaN : Number(ids) });
    if (scan === 'done') resolveDone();
    for (const l of state.listeners) l();
  };
  const observer = new MutationObserver((records) => {
    const seen = new Set<Element>();
    for (const r of records) {
      if (r.type === 'attributes' && (r.target as Element).localName === TAG) seen.add(r.target as Element);
      for (const n of Array.from(r.addedNodes)) if ((n as Element).localName === TAG) seen.add(n as Element);
    }
    for (const host of seen) record(host);
  });
  observer.observe(document, { attributes: true, subtree: true, attributeFilter: ['data-scan', 'data-ids'] });
  // No querySelector here: on a 10 MB page it walks the whole DOM. A host that exists before DOMContentLoaded changes
  // its data-scan later (seen by the attribute observer) or is read once at the end (waitScanned).
  addEventListener(
    'DOMContentLoaded',
    () => {
      observer.observe(document.documentElement, { childList: true });
      if (document.body) observer.observe(document.body, { childList: true });
    },
    { once: true },
  );
}

export interface ScanSnapshot {
  dcl: number;
  load: number;
  events: HostEvent[];
  longTasks: [number, number][];
  hostFound: boolean;
  /** performance.now() at the console.timeStamp(SYNC_MARK) call, to map page time onto the trace clock. */
  syncAt: number;
}

/** Page world: waits for the first data-scan="done" (or the timeout), then `quietMs` more, then reports. */
async function waitScannedInPage(arg: { timeoutMs: number; quietMs: number; syncMark: string }): Promise<ScanSnapshot> {
  const state = (window as unknown as { __secidBench: RecorderState }).__secidBench;
  await Promise.race([state.done, new Promise((ok) => setTimeout(ok, arg.timeoutMs))]);
  await new Promise((ok) => setTimeout(ok, arg.quietMs));
  if (document.readyState !== 'complete') await new Promise((ok) => addEventListener('load', ok, { once: true }));
  const host = document.querySelector('secid-lens-root');
  // A host created with its final attributes in a place the observer does not watch: read it now.
  if (host && state.events.length === 0) {
    const ids = host.getAttribute('data-ids');
    state.events.push({ t: NaN, scan: host.getAttribute('data-scan'), ids: ids === null ? NaN : Number(ids) });
  }
  const syncAt = performance.now();
  console.timeStamp(arg.syncMark);
  return {
    dcl: state.dcl,
    load: state.load,
    events: state.events,
    longTasks: state.longTasks,
    hostFound: !!host,
    syncAt,
  };
}

/**
 * Waits until the content script reports its first pass done (or `timeoutMs`), then `quietMs` more for any later
 * pass, and returns what the recorder saw; it also marks the moment on the trace clock (SYNC_MARK).
 */
export function waitScanned(page: Page, arg: { timeoutMs: number; quietMs: number }): Promise<ScanSnapshot> {
  return inPage(page, waitScannedInPage, { ...arg, syncMark: SYNC_MARK });
}

/** Page world: waits until the host reports done with at least `ids` IDs, or the timeout; returns the events so far. */
async function waitIdsInPage(arg: { ids: number; timeoutMs: number }): Promise<HostEvent[]> {
  const state = (window as unknown as { __secidBench: RecorderState }).__secidBench;
  const reached = () => {
    const last = state.events[state.events.length - 1];
    return !!last && last.scan === 'done' && last.ids >= arg.ids;
  };
  if (!reached()) {
    await new Promise<void>((ok) => {
      const timer = setTimeout(ok, arg.timeoutMs);
      state.listeners.push(() => {
        if (!reached()) return;
        clearTimeout(timer);
        ok();
      });
    });
  }
  state.listeners = [];
  return state.events;
}

/** Waits until the content script reports done with at least `ids` IDs registered (or `timeoutMs`). */
export function waitIds(page: Page, arg: { ids: number; timeoutMs: number }): Promise<HostEvent[]> {
  return inPage(page, waitIdsInPage, arg);
}
