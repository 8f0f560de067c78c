// Code that runs inside the benchmark pages, through inPage (tests/support/in-page.ts): each function is serialised
// with toString(), so it may use only its arguments and the page's globals (never this module's scope). What the
// content script reports is recorded by tests/support/scan-recorder.ts.

/** After load, until layout is settled: two frames and a short idle, so the peers and the floor find a laid-out page. */
export async function settle(ms: number): Promise<void> {
  await new Promise<void>((ok) => {
    const go = () => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, ms)));
    if (document.readyState === 'complete') go();
    else addEventListener('load', go, { once: true });
  });
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
