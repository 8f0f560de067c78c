// Chrome trace capture over CDP, for the benchmark (bench/attribution.ts) and the e2e checks that count tasks.
import type { CDPSession } from '@playwright/test';

/** One event of Chrome's trace event format (complete 'X', instant 'I', metadata 'M', ...). */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  /** Start and duration in µs on the trace clock; tdur is thread (CPU) time. */
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown>;
}

// No CPU profiler by default: measured here, it slows JS by 25-35 %; these categories cost nothing measurable.
// ('toplevel' would only duplicate the RunTask events of disabled-by-default-devtools.timeline, at half the volume.)
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'];
/** Adds V8 CPU samples, to check the attribution (slower). */
export const PROFILER_CATEGORY = 'disabled-by-default-v8.cpu_profiler';
/** console.timeStamp() label a page makes to map its performance.now() onto the trace clock (see syncOffsetMs). */
export const SYNC_MARK = 'secid-bench-sync';

/**
 * Starts a trace on a page's CDP session; the returned function stops it and yields every event. Events arrive as
 * objects in chunks (ReportEvents), never as one string: a 10 MB page's trace can exceed a string's maximum length.
 */
export async function startTrace(
  cdp: CDPSession,
  categories: string[] = TRACE_CATEGORIES,
): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => {
    for (const v of e.value) events.push(v as TraceEvent);
  };
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: categories, recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
  return async () => {
    const complete = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}

/** The trace event of the page's last console.timeStamp(SYNC_MARK) call, when the trace has one. */
export function syncEvent(events: TraceEvent[]): TraceEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.name === 'TimeStamp' && (e.args?.data as { message?: string } | undefined)?.message === SYNC_MARK) return e;
  }
  return undefined;
}

/** Trace clock (ms) minus page clock (performance.now(), ms), from the sync mark made at page time `syncAt`. */
export function syncOffsetMs(events: TraceEvent[], syncAt: number): number | undefined {
  const mark = syncEvent(events);
  return mark ? mark.ts / 1000 - syncAt : undefined;
}
