// Code that runs inside the benchmark pages. Each function is serialised with toString(), so it may use only its
// arguments and the page's globals (never this module's scope).
import type { Page } from '@playwright/test';
import { RECORDER_URL } from './trace.ts';

/** Runs `fn(arg)` in the page's main world. tsx adds `__name()` calls to serialised functions: give them one. */
export async function inPage<A, R>(page: Page, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  return (await page.evaluate(`((__name) => (${fn.toString()})(${JSON.stringify(arg)}))((f) => f)`)) as R;
}

export function initScriptSource(onHost: string): string {
  // The sourceURL lets the trace attribution tell the recorder apart from page code (bench/trace.ts).
  return `((__name) => (${benchInit.toString()})(${JSON.stringify(onHost)}))((f) => f);\n//# sourceURL=${RECORDER_URL}\n`;
}

export interface HostEvent {
  /** performance.now() when the change was seen (end of the task that made it). */
  t: number;
  scan: string | null;
  ids: number;
  /** data-work-ms / data-longest-ms: the content script's own sum and longest of its slices, when it publishes them. */
  workMs: number | null;
  longestMs: number | null;
}

export interface BenchState {
  dcl: number;
  load: number;
  events: HostEvent[];
  longTasks: [start: number, duration: number][];
  done: Promise<void>;
  /** Called after each recorded event (the burst test waits on it instead of polling). */
  listeners: (() => void)[];
}

/**
 * Installed before any page script. On the extension host it records every change of our host element's
 * data-scan attribute with a timestamp. It observes attributes only (plus direct children of <html> and <body> after
 * DOMContentLoaded), so it adds no work while the parser builds a 10 MB page.
 */
export function benchInit(onHost: string): void {
  const w = window as unknown as { __secidBench: BenchState };
  let resolveDone: () => void = () => {};
  const state: BenchState = {
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
  if (location.host !== onHost) return;
  const TAG = 'secid-lens-root';
  const num = (host: Element, name: string) => {
    const v = host.getAttribute(name);
    return v === null ? null : Number(v);
  };
  const record = (host: Element) => {
    const scan = host.getAttribute('data-scan');
    state.events.push({
      t: performance.now(),
      scan,
      ids: num(host, 'data-ids') ?? NaN,
      workMs: num(host, 'data-work-ms'),
      longestMs: num(host, 'data-longest-ms'),
    });
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
  observer.observe(document, {
    attributes: true,
    subtree: true,
    attributeFilter: ['data-scan', 'data-ids', 'data-work-ms', 'data-longest-ms'],
  });
  // No querySelector here: on a 10 MB page it walks the whole DOM. A host that exists before DOMContentLoaded changes
  // its data-scan later (seen by the attribute observer) or is read once at the end (waitOurs).
  addEventListener(
    'DOMContentLoaded',
    () => {
      observer.observe(document.documentElement, { childList: true });
      if (document.body) observer.observe(document.body, { childList: true });
    },
    { once: true },
  );
}

/** After load, until layout is settled: two frames and a short idle, so the peers and the floor find a laid-out page. */
export async function settle(ms: number): Promise<void> {
  await new Promise<void>((ok) => {
    const go = () => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, ms)));
    if (document.readyState === 'complete') go();
    else addEventListener('load', go, { once: true });
  });
}

export interface OursSnapshot {
  dcl: number;
  load: number;
  events: HostEvent[];
  longTasks: [number, number][];
  hostFound: boolean;
  /** performance.now() at the console.timeStamp(syncMark) call, to map page time onto the trace clock. */
  syncAt: number;
}

/** Waits for the first data-scan="done" (or the timeout), then `quietMs` more for any later pass, then reports. */
export async function waitOurs(arg: { timeoutMs: number; quietMs: number; syncMark: string }): Promise<OursSnapshot> {
  const state = (window as unknown as { __secidBench: BenchState }).__secidBench;
  await Promise.race([state.done, new Promise((ok) => setTimeout(ok, arg.timeoutMs))]);
  await new Promise((ok) => setTimeout(ok, arg.quietMs));
  if (document.readyState !== 'complete') await new Promise((ok) => addEventListener('load', ok, { once: true }));
  const host = document.querySelector('secid-lens-root');
  // A host created with its final attributes in a place the observer does not watch: read it now.
  if (host && state.events.length === 0) {
    const num = (name: string) => (host.getAttribute(name) === null ? null : Number(host.getAttribute(name)));
    state.events.push({
      t: NaN,
      scan: host.getAttribute('data-scan'),
      ids: num('data-ids') ?? NaN,
      workMs: num('data-work-ms'),
      longestMs: num('data-longest-ms'),
    });
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

export interface SyncTiming {
  ms: number;
  count: number;
  /** Style and layout of the changed DOM, forced right after (not included in `ms`). */
  layoutMs: number;
}

/** A deep copy of the untouched body, to put back after one peer has wrapped its matches in <mark>. */
export function keepBody(): void {
  (window as unknown as { __secidBenchBody: Node }).__secidBenchBody = document.body.cloneNode(true);
}

export function restoreBody(): void {
  const w = window as unknown as { __secidBenchBody?: HTMLElement };
  document.body.replaceWith(w.__secidBenchBody!);
  delete w.__secidBenchBody;
}

/** The floor: read the page's text once and run the combined pattern over it. */
export function runFloor(src: string): { ms: number; innerTextMs: number; count: number; chars: number } {
  const t0 = performance.now();
  const text = document.body.innerText;
  const t1 = performance.now();
  const re = new RegExp(src, 'gu');
  let count = 0;
  while (re.exec(text) !== null) count++;
  const t2 = performance.now();
  return { ms: t2 - t0, innerTextMs: t1 - t0, count, chars: text.length };
}

export function runMarkJs(src: string): SyncTiming {
  const Mark = (window as unknown as { Mark: new (el: Element) => { markRegExp(re: RegExp, opt: object): void } }).Mark;
  const re = new RegExp(src, 'gu');
  const t0 = performance.now();
  new Mark(document.body).markRegExp(re, {});
  const t1 = performance.now();
  void document.body.getBoundingClientRect().height;
  const t2 = performance.now();
  return { ms: t1 - t0, layoutMs: t2 - t1, count: document.querySelectorAll('mark').length };
}

export function runFindAndReplace(src: string): SyncTiming {
  const farDT = (window as unknown as { findAndReplaceDOMText: (el: Element, opt: object) => unknown })
    .findAndReplaceDOMText;
  const re = new RegExp(src, 'gu');
  const t0 = performance.now();
  // "prose" skips script/style and treats block elements as text boundaries, like ours and mark.js.
  farDT(document.body, { find: re, wrap: 'mark', preset: 'prose' });
  const t1 = performance.now();
  void document.body.getBoundingClientRect().height;
  const t2 = performance.now();
  return { ms: t1 - t0, layoutMs: t2 - t1, count: document.querySelectorAll('mark').length };
}

export interface BurstResult {
  /** performance.now() after each burst was appended, and the append's own cost. */
  appendedAt: number[];
  appendMs: number[];
  syncAt: number;
  startAt: number;
}

/** Appends comments in bursts (like a live issue page) and returns when the last burst is in. */
export async function appendBursts(arg: {
  comments: string[];
  perBurst: number;
  intervalMs: number;
  syncMark: string;
}): Promise<BurstResult> {
  const container = document.querySelector('.discussion-timeline')!;
  const appendedAt: number[] = [];
  const appendMs: number[] = [];
  const startAt = performance.now();
  for (let i = 0; i < arg.comments.length; i += arg.perBurst) {
    await new Promise((ok) => setTimeout(ok, i === 0 ? 0 : arg.intervalMs));
    const t0 = performance.now();
    container.insertAdjacentHTML('beforeend', arg.comments.slice(i, i + arg.perBurst).join(''));
    const t1 = performance.now();
    appendedAt.push(t1);
    appendMs.push(t1 - t0);
  }
  const syncAt = performance.now();
  console.timeStamp(arg.syncMark);
  return { appendedAt, appendMs, syncAt, startAt };
}

/** Waits until our host reports done with at least `ids` detections, or the timeout; returns the events so far. */
export async function waitIds(arg: { ids: number; timeoutMs: number }): Promise<HostEvent[]> {
  const state = (window as unknown as { __secidBench: BenchState }).__secidBench;
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
