// Attribution of a trace's main-thread tasks to the extension (the trace comes from tests/support/trace.ts).
//
// A task is ours when it runs a chrome-extension:// script: a trace entry event (EvaluateScript, FunctionCall,
// v8.compile) with that URL; all of the task counts (GC, style, layout forced inside it). A task that also runs page
// JS (e.g. our MutationObserver callback inside the page's own append task) is "mixed": only our entry events count.
// A rendering frame our requestAnimationFrame callback ran in counts our callbacks only; the rest of the frame (style,
// layout, paint, maybe of the page's own changes) is reported apart as an upper bound of our rendering cost.
// Promise continuations have no entry event: in a task with no page JS, the microtask time counts (the benchmark
// pages have no scripts), or, when the trace has CPU samples, the whole task if a sample's stack holds our frame.
// The scan recorder (tests/support/scan-recorder.ts, a MutationObserver on our host's attributes) is subtracted.
// Work the browser does later because of us (style and paint of highlights in rendering tasks) has no script
// attribution and is not counted.
import { RECORDER_URL } from '../tests/support/scan-recorder.ts';
import { syncEvent, type TraceEvent } from '../tests/support/trace.ts';

export interface OurTask {
  /** Start, ms on the trace clock. */
  startMs: number;
  /** Wall time that is ours: the whole task, or only our callbacks for a mixed or rendering-frame task. */
  ms: number;
  /** Thread (CPU) time of the same. */
  cpuMs: number;
  /** own: only our code ran; mixed: page JS ran too; frame: a rendering frame our rAF callback ran in;
   *  continuation: a promise continuation of ours (no entry event). */
  kind: 'own' | 'mixed' | 'frame' | 'continuation';
  /** For a frame task: the rest of the frame (style, layout, paint, other callbacks), not counted in `ms`. */
  frameRestMs: number;
}

export interface Attribution {
  tasks: OurTask[];
  busyMs: number;
  cpuMs: number;
  longestMs: number;
  /** CPU (thread) time of the longest task: less than its wall time when the machine is busy. */
  longestCpuMs: number;
  /** Our tasks of 50 ms or more (the Long Tasks threshold). */
  over50: number;
  /** Of busyMs: script evaluation and compilation at injection. */
  injectionMs: number;
  /** Style, layout and paint of the rendering frames our rAF callbacks ran in (not in busyMs): an upper bound of
   *  what our highlights cost to render, since those frames may also render the page's own changes. */
  frameRestMs: number;
  /** The longest such frame, whole (our callbacks included). */
  longestFrameMs: number;
  rendererPid?: number;
}

const EXT = 'chrome-extension://';
const ENTRY = new Set(['EvaluateScript', 'FunctionCall', 'v8.compile']);
// Lifecycle steps of a rendering frame, when they are not nested in a script (forced layout is).
const FRAME = new Set(['PrePaint', 'Paint', 'Layerize', 'Commit']);

function urlOf(e: TraceEvent): string | undefined {
  const data = e.args?.data as { url?: string } | undefined;
  if (typeof data?.url === 'string') return data.url;
  const file = e.args?.fileName;
  return typeof file === 'string' ? file : undefined;
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame?: { url?: string };
}

/** Timestamps (µs) of CPU samples whose stack contains extension code, per pid. */
function ourSamples(events: TraceEvent[]): Map<number, number[]> {
  const byProfile = new Map<
    string,
    { pid: number; start: number; nodes: Map<number, ProfileNode>; samples: number[]; deltas: number[] }
  >();
  for (const e of events) {
    if (e.name === 'Profile') {
      const data = e.args?.data as { startTime: number };
      byProfile.set(`${e.pid}:${e.id}`, {
        pid: e.pid,
        start: data.startTime,
        nodes: new Map(),
        samples: [],
        deltas: [],
      });
    } else if (e.name === 'ProfileChunk') {
      const p = byProfile.get(`${e.pid}:${e.id}`);
      const data = e.args?.data as {
        cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
        timeDeltas?: number[];
      };
      if (!p) continue;
      for (const n of data.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
      p.samples.push(...(data.cpuProfile?.samples ?? []));
      p.deltas.push(...(data.timeDeltas ?? []));
    }
  }
  const out = new Map<number, number[]>();
  for (const p of byProfile.values()) {
    const ours = new Map<number, boolean>();
    const isOurs = (id: number): boolean => {
      const known = ours.get(id);
      if (known !== undefined) return known;
      const n = p.nodes.get(id);
      const v = !!n && ((n.callFrame?.url ?? '').startsWith(EXT) || (n.parent !== undefined && isOurs(n.parent)));
      ours.set(id, v);
      return v;
    };
    let t = p.start;
    const list = out.get(p.pid) ?? [];
    for (let i = 0; i < p.samples.length; i++) {
      t += p.deltas[i] ?? 0;
      if (isOurs(p.samples[i]!)) list.push(t);
    }
    out.set(p.pid, list);
  }
  return out;
}

/** Attributes the main-thread tasks of the renderer that ran our content script. */
export function attribute(events: TraceEvent[]): Attribution {
  const empty: Attribution = {
    tasks: [],
    busyMs: 0,
    cpuMs: 0,
    longestMs: 0,
    longestCpuMs: 0,
    over50: 0,
    injectionMs: 0,
    frameRestMs: 0,
    longestFrameMs: 0,
  };
  // The page's renderer main thread: where the benchmark's sync mark was made, else where our content script ran.
  const anchor =
    syncEvent(events) ?? events.find((e) => e.name === 'EvaluateScript' && (urlOf(e) ?? '').startsWith(EXT));
  if (!anchor) return empty;
  const { pid, tid } = anchor;
  const thread = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const samples = (ourSamples(events).get(pid) ?? []).sort((a, b) => a - b);

  const tasks: OurTask[] = [];
  let injectionMs = 0;
  let si = 0;
  let i = 0;
  while (i < thread.length) {
    const task = thread[i]!;
    if (task.name !== 'RunTask') {
      i++;
      continue;
    }
    const end = task.ts + task.dur!;
    let ourJs = 0;
    let ourJsCpu = 0;
    let recorder = 0;
    let recorderCpu = 0;
    let microtasks = 0;
    let microtasksCpu = 0;
    let pageJs = false;
    let ourEntry = false;
    let frame = false;
    let entryEnd = -1;
    let j = i + 1;
    for (; j < thread.length && thread[j]!.ts < end; j++) {
      const e = thread[j]!;
      if (e.name === 'FireAnimationFrame' || (FRAME.has(e.name) && e.ts >= entryEnd)) frame = true;
      if (e.name === 'RunMicrotasks' && e.ts >= entryEnd) {
        microtasks += e.dur!;
        microtasksCpu += e.tdur ?? e.dur!;
      }
      if (!ENTRY.has(e.name)) continue;
      const url = urlOf(e) ?? '';
      if (url.startsWith(EXT)) {
        ourEntry = true;
        // Count only outermost entries (a FunctionCall inside our EvaluateScript is already inside it).
        if (e.ts >= entryEnd) {
          ourJs += e.dur!;
          ourJsCpu += e.tdur ?? e.dur!;
          entryEnd = e.ts + e.dur!;
          if (e.name === 'EvaluateScript') injectionMs += e.dur! / 1000;
        }
      } else if (url.endsWith(RECORDER_URL)) {
        recorder += e.dur!;
        recorderCpu += e.tdur ?? e.dur!;
      } else if (e.name === 'EvaluateScript' || e.name === 'FunctionCall') pageJs = true;
    }
    while (si < samples.length && samples[si]! < task.ts) si++;
    const sampled = si < samples.length && samples[si]! <= end;
    const whole = task.dur! - recorder;
    const wholeCpu = (task.tdur ?? task.dur!) - recorderCpu;
    let t: Omit<OurTask, 'startMs'> | undefined;
    if (ourEntry && frame) {
      // A rendering frame (rAF callbacks, then style, layout, paint): our callbacks count, forced layout inside them
      // included; the frame's own lifecycle is reported apart, as it may be rendering the page's changes.
      t = { ms: ourJs, cpuMs: ourJsCpu, kind: 'frame', frameRestMs: (whole - ourJs) / 1000 };
    } else if (ourEntry && pageJs) t = { ms: ourJs, cpuMs: ourJsCpu, kind: 'mixed', frameRestMs: 0 };
    else if (ourEntry) t = { ms: whole, cpuMs: wholeCpu, kind: 'own', frameRestMs: 0 };
    else if (!pageJs && !frame && sampled) t = { ms: whole, cpuMs: wholeCpu, kind: 'continuation', frameRestMs: 0 };
    else if (!pageJs && microtasks > 0) {
      // A promise continuation of ours (e.g. after a storage read) has no entry event; on these pages no page
      // script exists, so JS with no entry event is ours: count the microtask time only.
      t = { ms: microtasks, cpuMs: microtasksCpu, kind: 'continuation', frameRestMs: 0 };
    }
    if (t && t.ms > 0) tasks.push({ startMs: task.ts / 1000, ...t, ms: t.ms / 1000, cpuMs: t.cpuMs / 1000 });
    i = j;
  }
  const busyMs = tasks.reduce((s, t) => s + t.ms, 0);
  return {
    tasks,
    busyMs,
    cpuMs: tasks.reduce((s, t) => s + t.cpuMs, 0),
    longestMs: tasks.reduce((m, t) => Math.max(m, t.ms), 0),
    longestCpuMs: tasks.reduce((m, t) => (t.ms > m.ms ? t : m), { ms: 0, cpuMs: 0 }).cpuMs,
    over50: tasks.filter((t) => t.ms >= 50).length,
    injectionMs,
    frameRestMs: tasks.reduce((sum, t) => sum + t.frameRestMs, 0),
    longestFrameMs: tasks.filter((t) => t.kind === 'frame').reduce((m, t) => Math.max(m, t.ms + t.frameRestMs), 0),
    rendererPid: pid,
  };
}
