// Popup open time and search latency per keystroke over the full registry.
import type { Bench } from './harness.ts';
import { inPage } from '../tests/support/in-page.ts';

/** What people type: IDs of several families, words, a full SecID string. Typed one character at a time. */
export const QUERIES = [
  'CVE-2024-3094',
  'cwe-79',
  'LLM01',
  'prompt injection',
  'sql injection',
  'T1059.003',
  'AML.T0051',
  'ML03',
  'cross site scripting',
  'deserialization',
  'ghsa',
  'owasp top 10',
  'buffer overflow',
  'secid:weakness/owasp/ml-top10#ML01',
  'xz backdoor',
];

export interface Keystroke {
  query: string;
  ms: number;
  /** True when the DOM changed after the input handler returned (debounced or async rendering). */
  late: boolean;
  /** The popup's own 'popup-search' measure for this keystroke (search and DOM building, no style or layout). */
  scriptMs?: number;
}

/**
 * In the popup: for each prefix of each query, set the input's value, dispatch 'input' and time until the results are
 * rendered: the handler's synchronous DOM changes plus a forced style and layout, or, when the popup renders later
 * (debounce, async work), the last DOM change within `gapMs` plus layout.
 */
export async function typeQueries(arg: {
  queries: string[];
  gapMs: number;
  whole?: boolean;
  waitFor?: string;
  maxMs?: number;
}): Promise<Keystroke[]> {
  const input = document.querySelector('#q') as HTMLInputElement;
  // The popup times its own search-and-render script as 'popup-search' measures: kept to split script from layout.
  performance.clearMeasures('popup-search');
  const changes: number[] = [];
  const observer = new MutationObserver(() => changes.push(performance.now()));
  observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  const out: Keystroke[] = [];
  const type = async (value: string): Promise<Keystroke> => {
    input.value = value;
    const t0 = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    observer.takeRecords();
    void document.body.getBoundingClientRect().height;
    const syncEnd = performance.now();
    changes.length = 0;
    await new Promise((ok) => setTimeout(ok, arg.gapMs));
    // Right after opening, results may wait for the registry: wait for them (then one more gap for the last change).
    if (arg.waitFor && value !== '') {
      const until = t0 + (arg.maxMs ?? 3000);
      while (!document.querySelector(arg.waitFor) && performance.now() < until)
        await new Promise((ok) => setTimeout(ok, 20));
      await new Promise((ok) => setTimeout(ok, arg.gapMs));
    }
    const late = changes.filter((t) => t > syncEnd);
    let end = syncEnd;
    if (late.length) {
      // The last late change, plus a forced layout (often already done by a frame in the gap, then ~0).
      const l0 = performance.now();
      void document.body.getBoundingClientRect().height;
      end = late[late.length - 1]! + (performance.now() - l0);
    }
    const own = performance.getEntriesByName('popup-search').pop();
    performance.clearMeasures('popup-search');
    return { query: value, ms: end - t0, late: late.length > 0, ...(own ? { scriptMs: own.duration } : {}) };
  };
  for (const q of arg.queries) {
    for (let i = arg.whole ? q.length : 1; i <= q.length; i++) out.push(await type(q.slice(0, i)));
    // Clearing the box is not a search keystroke: not recorded.
    await type('');
  }
  observer.disconnect();
  return out;
}

export interface PopupRun {
  /** Navigation start -> load event end, in the popup's own clock. */
  loadMs: number;
  /** page.goto() wall clock, including the extension page's process start. */
  gotoMs: number;
  /** A search pasted right after the load event: until its results are rendered (whatever loads lazily). */
  firstKeystrokeMs: number;
}

export async function measurePopup(
  bench: Bench,
  opens: number,
  gapMs: number,
): Promise<{ opens: PopupRun[]; keystrokes: Keystroke[] }> {
  const url = `chrome-extension://${bench.extensionId}/src/popup/popup.html`;
  const runs: PopupRun[] = [];
  for (let i = 0; i < opens; i++) {
    const page = await bench.context.newPage();
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'load' });
    const gotoMs = Date.now() - t0;
    const loadMs = await page.evaluate(
      () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
    );
    // One search pasted right after the load event, with a long gap: the popup may still be loading its registry,
    // and answers when it arrives.
    const first = await inPage(page, typeQueries, {
      queries: ['LLM01'],
      gapMs: 100,
      whole: true,
      waitFor: '#results li',
      maxMs: 3000,
    });
    runs.push({ loadMs, gotoMs, firstKeystrokeMs: first[0]?.ms ?? NaN });
    await page.close();
  }
  const page = await bench.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  // Warm-up: one query first, so the figures are per keystroke in a popup already in use.
  await inPage(page, typeQueries, { queries: ['warm up'], gapMs });
  const keystrokes = await inPage(page, typeQueries, { queries: QUERIES, gapMs });
  await page.close();
  return { opens: runs, keystrokes };
}
