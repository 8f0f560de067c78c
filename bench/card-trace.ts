// `npx tsx bench/card-trace.ts [--page table-50k] [--text CVE-2000-10000] [--off] [--runs 1] [--dist DIR] [--all]`
// Where the time to a card near the viewport goes on one dense page: the card-after-load measurement of
// bench/first-card.ts (the pointer resting on an ID in view from DOMContentLoaded on) under a trace, printed as a
// timeline of the page's main thread from DOMContentLoaded: the page's parse, layout and paint, each script of ours
// (first stage, lens stage, card UI), the pointer events, and the card. `--off`: the same page where the extension is
// off (the floor: when could any hover work at all). `--all` lists every task over 1 ms, not only the long ones.
// Run `npm run bench -- --quick` once first: it writes the pages to bench/tmp/pages.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launch } from './harness.ts';
import { startBenchServer } from './server.ts';
import { inPage } from '../tests/support/in-page.ts';
import { startTrace, SYNC_MARK, syncOffsetMs, TRACE_CATEGORIES, type TraceEvent } from '../tests/support/trace.ts';
import { armCardAt, cardAtTime, cardShown, locate } from './first-card.ts';

const { values: args } = parseArgs({
  options: {
    page: { type: 'string', default: 'table-50k' },
    text: { type: 'string', default: 'CVE-2000-10000' },
    off: { type: 'boolean', default: false },
    runs: { type: 'string', default: '1' },
    dist: { type: 'string', default: 'dist/chrome' },
    all: { type: 'boolean', default: false },
    // Lists the steps of 5 ms or more inside each task of 40 ms or more, with their trace arguments.
    detail: { type: 'boolean', default: false },
    // Sums what the renderer's other threads did between the card UI's evaluation and the card painted.
    threads: { type: 'boolean', default: false },
  },
});

const EXT = 'chrome-extension://';

function urlOf(e: TraceEvent): string {
  const data = e.args?.data as { url?: string } | undefined;
  return data?.url ?? (typeof e.args?.fileName === 'string' ? e.args.fileName : '');
}

/** A short label for what a task did: its biggest steps, by name (and script or event type). */
function summarise(children: TraceEvent[]): string {
  const sums = new Map<string, number>();
  let entryEnd = -1;
  for (const e of children) {
    let key = e.name;
    if (e.name === 'EvaluateScript' || e.name === 'FunctionCall' || e.name === 'v8.compile') {
      if (e.ts < entryEnd) continue;
      entryEnd = e.ts + (e.dur ?? 0);
      const url = urlOf(e);
      key = `${e.name}(${url.startsWith(EXT) ? url.replace(/^chrome-extension:\/\/[^/]+\//, 'ext:') : url ? 'page' : '?'})`;
    } else if (e.name === 'EventDispatch') key = `Event(${(e.args?.data as { type?: string })?.type ?? '?'})`;
    else if (
      ![
        'ParseHTML',
        'Layout',
        'UpdateLayoutTree',
        'PrePaint',
        'Paint',
        'Layerize',
        'Commit',
        'MinorGC',
        'MajorGC',
        'V8.GC_MARK_COMPACTOR',
        'FireAnimationFrame',
        'RunMicrotasks',
        'TimerFire',
        'HitTest',
        'ScheduleStyleRecalculation',
      ].includes(e.name)
    )
      continue;
    sums.set(key, (sums.get(key) ?? 0) + (e.dur ?? 0) / 1000);
  }
  return [...sums]
    .filter(([, ms]) => ms >= 0.5)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([k, ms]) => `${k} ${ms.toFixed(1)}`)
    .join(', ');
}

async function run(i: number): Promise<void> {
  const server = await startBenchServer('bench/tmp/pages');
  const bench = await launch(resolve(args.dist!), server);
  try {
    const page = await bench.context.newPage();
    const cdp = await bench.context.newCDPSession(page);
    const stop = await startTrace(cdp, [...TRACE_CATEGORIES, 'loading', 'blink.user_timing']);
    const url = `${args.off ? server.off : server.on}/${args.page}.html?trace=${i}`;
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await inPage(page, armCardAt, 20_000);
    const point = await inPage(page, locate, { text: args.text!, nth: 0 });
    if (!point) throw new Error(`${args.text} not found`);
    const until = Date.now() + (args.off ? 1500 : 20_000);
    let moves = 0;
    while (Date.now() < until) {
      await page.mouse.move(point.x + (moves++ % 2), point.y);
      if (!args.off && (await inPage(page, cardShown, null))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const { card } = args.off ? { card: NaN } : await inPage(page, cardAtTime, null);
    const sync = await page.evaluate((mark) => {
      const at = performance.now();
      console.timeStamp(mark);
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { at, dcl: nav.domContentLoadedEventStart };
    }, SYNC_MARK);
    await new Promise((r) => setTimeout(r, 300));
    const events = await stop();
    console.log(`run ${i}: ${Date.now() - t0} ms in all, ${moves} moves, ${events.length} events`);
    const offset = syncOffsetMs(events, sync.at);
    if (offset === undefined) throw new Error('no sync mark in the trace');
    const mark = events.find(
      (e) => e.name === 'TimeStamp' && (e.args?.data as { message?: string })?.message === SYNC_MARK,
    )!;
    const dclTrace = sync.dcl + offset;
    const rel = (us: number) => us / 1000 - dclTrace;
    const thread = events
      .filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.dur !== undefined)
      .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    // Milestones on the main thread and elsewhere in the renderer.
    const milestones: [number, string][] = [];
    for (const e of events) {
      if (e.pid !== mark.pid) continue;
      if (['firstPaint', 'firstContentfulPaint', 'MarkDOMContent', 'MarkLoad', 'MarkFirstPaint'].includes(e.name))
        milestones.push([rel(e.ts), e.name]);
      if (e.cat.includes('blink.user_timing') && e.name.startsWith('secid')) milestones.push([rel(e.ts), e.name]);
    }
    if (!args.off) milestones.push([card + offset - dclTrace, 'card painted (page clock)']);
    milestones.sort((a, b) => a[0] - b[0]);
    console.log('milestones (ms from DOMContentLoaded):');
    for (const [t, name] of milestones) console.log(`  ${t.toFixed(1).padStart(8)}  ${name}`);
    console.log('main-thread tasks from 200 ms before DOMContentLoaded (start, wall, CPU, what):');
    let idx = 0;
    while (idx < thread.length) {
      const task = thread[idx]!;
      if (task.name !== 'RunTask') {
        idx++;
        continue;
      }
      const end = task.ts + task.dur!;
      let j = idx + 1;
      while (j < thread.length && thread[j]!.ts < end) j++;
      const children = thread.slice(idx + 1, j);
      idx = j;
      const start = rel(task.ts);
      if (start < -200) continue;
      const ms = task.dur! / 1000;
      const what = summarise(children);
      const ours = what.includes('ext:');
      if (ms < (args.all ? 1 : 8) && !ours && !/Event\(pointer/.test(what)) continue;
      console.log(
        `  ${start.toFixed(1).padStart(8)} ${ms.toFixed(1).padStart(7)} ${((task.tdur ?? 0) / 1000).toFixed(1).padStart(7)}  ${what}`,
      );
      if (args.detail && ms >= 40)
        for (const c of children)
          if ((c.dur ?? 0) >= 5000)
            console.log(
              `             ${rel(c.ts).toFixed(1)} ${((c.dur ?? 0) / 1000).toFixed(1)} ${c.name} ${JSON.stringify(c.args?.beginData ?? c.args?.data ?? {}).slice(0, 300)}`,
            );
    }
    // One line per run: when the page's first frame after DOMContentLoaded was done (the first task with a Paint that
    // ends after it: the floor, before which no hover can be served), when each script of ours ran, and the card.
    const paintTasks = thread.filter(
      (e) =>
        e.name === 'RunTask' &&
        rel(e.ts + e.dur!) > 0 &&
        thread.some((c) => c.name === 'Paint' && c.ts >= e.ts && c.ts < e.ts + e.dur!),
    );
    const frameDone = paintTasks.length ? rel(paintTasks[0]!.ts + paintTasks[0]!.dur!) : NaN;
    const evaluated = (file: string) => {
      const e = thread.find((x) => x.name === 'EvaluateScript' && urlOf(x).endsWith(file));
      return e ? rel(e.ts) : NaN;
    };
    const f = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '-');
    if (args.threads && !args.off) {
      // What the renderer's other threads (compositor, raster) did from the card UI's evaluation to the card painted.
      const from = evaluated('card-ui.js');
      const to = card + offset - dclTrace;
      const names = new Map<number, string>();
      for (const e of events)
        if (e.pid === mark.pid && e.name === 'thread_name') names.set(e.tid, String(e.args?.name ?? e.tid));
      const busy = new Map<string, number>();
      for (const e of events) {
        if (e.pid !== mark.pid || e.ph !== 'X' || !e.dur || e.tid === mark.tid) continue;
        const start = rel(e.ts);
        if (start < from || start > to) continue;
        const key = `${names.get(e.tid) ?? e.tid}: ${e.name}`;
        busy.set(key, (busy.get(key) ?? 0) + e.dur / 1000);
      }
      console.log(`other renderer threads from ${f(from)} to ${f(to)} ms:`);
      for (const [k, ms] of [...busy].sort((a, b) => b[1] - a[1]).slice(0, 15))
        console.log(`  ${ms.toFixed(1).padStart(8)}  ${k}`);
    }
    const cardMs = args.off ? NaN : card + offset - dclTrace;
    // The first pointer event the page handled after that frame (the input's hit test): with the extension off, the
    // earliest moment any hover could be served.
    const input = thread.find(
      (e) =>
        rel(e.ts) > frameDone &&
        (e.name === 'HitTest' ||
          (e.name === 'EventDispatch' &&
            /^(pointer|mouse)move$/.test(String((e.args?.data as { type?: string })?.type)))),
    );
    console.log(
      `summary (ms from DOMContentLoaded): first frame done ${f(frameDone)}, content script ${f(evaluated('content-script.js'))}, lens stage ${f(evaluated('lens-stage.js'))}, card UI ${f(evaluated('card-ui.js'))}, first pointer event ${f(input ? rel(input.ts) : NaN)}, card ${f(cardMs)}; card after the first frame ${f(cardMs - frameDone)}`,
    );
  } finally {
    await bench.close();
    await server.close();
  }
}

for (let i = 0; i < Number(args.runs); i++) await run(i);
