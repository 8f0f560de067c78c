// The benchmark's pages by name, shared by the full run (run.ts) and the A/B comparison of builds (ab.ts).
import {
  articlePage,
  denseLinePage,
  denseReportPage,
  denseTablePage,
  issuePage,
  tinyNodesPage,
  type BenchPage,
} from './pages.ts';

export interface PageSpec {
  page: () => BenchPage;
  /** Measured runs (one more, cold, is run first and dropped). */
  runs: number;
  /** Part of the time-vs-size chart, at this many bytes of text. */
  chart?: boolean;
  quick: boolean;
}

// Fixed seeds: the pages are the same in every run, on every machine.
export const PAGES: Record<string, PageSpec> = {
  'article-100k': { page: () => articlePage(101, 100_000, 2048, 'article-100k'), runs: 5, chart: true, quick: true },
  'article-1m': { page: () => articlePage(102, 1_000_000, 2048, 'article-1m'), runs: 5, chart: true, quick: true },
  'article-10m': { page: () => articlePage(103, 10_000_000, 2048, 'article-10m'), runs: 5, chart: true, quick: false },
  'issue-500': { page: () => ({ ...issuePage(104, 500), name: 'issue-500' }), runs: 5, quick: true },
  'tiny-nodes-200k': {
    page: () => ({ ...tinyNodesPage(105, 200_000), name: 'tiny-nodes-200k' }),
    runs: 5,
    quick: false,
  },
};
export const NO_IDS = () => articlePage(106, 100_000, 0, 'no-ids-100k');
/** Dense pages (issue 17): our scan only (the peers would wrap every ID in a <mark>), and a card from load. */
export const DENSE: { key: string; page: () => BenchPage; first: string }[] = [
  { key: 'pre-line-24k', page: () => denseLinePage(24_000), first: 'CVE-2024-3094' },
  { key: 'report-10m', page: () => denseReportPage(60_000, 10), first: 'CVE-2000-10000' },
  { key: 'table-50k', page: () => denseTablePage(50_000), first: 'CVE-2000-10000' },
];
/** The first-card page: two IDs in view; the first is hovered with the service worker stopped, the second warm. */
export const FIRST_CARD_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>first card</title></head><body><p>The weakness CWE-79 shows up again, next to the model risk ML03 and the prompt risk LLM01:2025.</p></body></html>\n';

/** The IDs of FIRST_CARD_HTML: the first hovered with the service worker stopped (cold), the second warm. */
export const FIRST_CARD_IDS = { cold: 'CWE-79', warm: 'ML03' };

/** Ours has this long to report done on a page before the run counts as timed out. */
export const SCAN_TIMEOUT_MS = 60_000;
/** Options of a measured load (bench/harness.ts measureOurs). */
export const LOAD_OPTIONS = { timeoutMs: 120_000, scanTimeoutMs: SCAN_TIMEOUT_MS, quietMs: 500 };
/** A page without candidates gets no host to report done (see src/content/stage-types.ts): 1.5 s is the window. */
export const NO_IDS_WINDOW = { timeoutMs: 1500, scanTimeoutMs: 1500 };
