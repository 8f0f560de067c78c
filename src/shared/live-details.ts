import { LIVE_ORIGIN, liveId, parseOsv, type LiveDetails } from '../core/live-details.ts';

/**
 * Fetches and caches live details (see src/core/live-details.ts). Only the ID is sent: no page content, no URL, no
 * cookies, no referrer. Every failure (time-out, HTTP error, rate limit, malformed answer) is remembered for a while,
 * so a hover never triggers a retry loop; the offline card is never held up by any of this.
 */
export type LiveAnswer = { status: 'ok'; details: LiveDetails } | { status: 'none' | 'error' | 'off'; reason?: string };

export interface LiveStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export interface LiveDeps {
  fetch: typeof fetch;
  store: LiveStore;
  now: () => number;
  /** Base URL of the API; tests point it at a local server. */
  origin?: string;
  timeoutMs?: number;
}

export const LIVE_TTL_MS = 24 * 60 * 60 * 1000;
export const LIVE_ERROR_TTL_MS = 30 * 60 * 1000;
const MAX_BYTES = 1 << 20;
export const CACHE_PREFIX = 'live:';

interface Cached {
  at: number;
  answer: LiveAnswer;
}

export async function liveDetails(raw: string, deps: LiveDeps): Promise<LiveAnswer> {
  const id = liveId(raw);
  if (!id) return { status: 'none', reason: 'not a CVE or GHSA ID' };
  const key = `${CACHE_PREFIX}${id}`;
  const cached = (await deps.store.get(key).catch(() => undefined)) as Cached | undefined;
  if (cached && typeof cached.at === 'number' && cached.answer && typeof cached.answer === 'object') {
    const ttl = cached.answer.status === 'ok' || cached.answer.status === 'none' ? LIVE_TTL_MS : LIVE_ERROR_TTL_MS;
    if (deps.now() - cached.at < ttl && deps.now() >= cached.at) return cached.answer;
  }
  const answer = await fetchOnce(id, deps);
  await deps.store.set(key, { at: deps.now(), answer } satisfies Cached).catch(() => undefined);
  return answer;
}

async function fetchOnce(id: string, deps: LiveDeps): Promise<LiveAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs ?? 5000);
  try {
    const response = await deps.fetch(`${deps.origin ?? LIVE_ORIGIN}/v1/vulns/${encodeURIComponent(id)}`, {
      signal: controller.signal,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      headers: { accept: 'application/json' },
    });
    if (response.status === 404) return { status: 'none', reason: 'no record' };
    if (!response.ok) return { status: 'error', reason: `HTTP ${response.status}` };
    const text = await response.text();
    if (text.length > MAX_BYTES) return { status: 'error', reason: 'answer too large' };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { status: 'error', reason: 'malformed answer' };
    }
    const details = parseOsv(id, body, deps.now());
    return details ? { status: 'ok', details } : { status: 'error', reason: 'unexpected answer' };
  } catch (error) {
    return {
      status: 'error',
      reason: controller.signal.aborted ? 'timed out' : error instanceof Error ? error.message.slice(0, 100) : 'failed',
    };
  } finally {
    clearTimeout(timer);
  }
}
