import * as z from 'zod/mini';
import type { PageId } from '../core/page-id.ts';
import type { ResolveResponse } from '../core/resolve-types.ts';
import type { SearchHit } from '../core/search.ts';
import type { V1SearchHit } from '../core/v1/search.ts';
import type { LiveAnswer } from './live-details.ts';
import { MAX_REPORTED_IDS } from './page-report.ts';
import type { TabRequest } from './tab-request.ts';

/**
 * The message contract: every message between the content script, the extension pages and the service worker, by
 * name, with its params and its answer (`WorkerApi`, `TabApi`). On the wire a message is `{ type: name, ...params }`.
 * Each side sends through one typed function (content/ext.ts, shared/ask-worker.ts, shared/ask-tab.ts), and whatever
 * arrives is checked where it enters: the service worker's requests against `requestSchema`, a tab's requests by
 * shared/tab-request.ts (the content script carries no zod), a tab's answers against `tabAnswerSchemas`. A message of
 * any other shape is dropped, never acted on.
 */
const query = z.string().check(z.minLength(1), z.maxLength(1024));

/** The requests the service worker answers. */
export const requestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('resolve'), query, contextEdition: z.optional(z.string().check(z.maxLength(20))) }),
  z.object({
    type: z.literal('search'),
    query,
    limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100))),
  }),
  z.object({ type: z.literal('open-secid-page'), query }),
  // Live details of one CVE or GHSA ID (opt-in): the service worker checks the setting and the permission.
  z.object({ type: z.literal('live'), id: z.string().check(z.minLength(1), z.maxLength(64)) }),
  // The content script's IDs after a scan, for the toolbar badge (the count is of items, so the worker resolves them).
  z.object({
    type: z.literal('page-ids-report'),
    ids: z
      .array(
        z.object({
          text: z.string().check(z.minLength(1), z.maxLength(1024)),
          count: z.number().check(z.int(), z.minimum(1)),
        }),
      )
      .check(z.maxLength(MAX_REPORTED_IDS)),
  }),
  // A card's link: opened only if `query` resolves to `url` (the card's own state, never a URL read from the page).
  z.object({ type: z.literal('open-url'), query, url: z.string().check(z.minLength(1), z.maxLength(2048)) }),
  // A later stage of the content script, injected into the asking frame: see background/stage-loader.ts.
  z.strictObject({ type: z.literal('load-stage'), stage: z.enum(['control', 'lens', 'card-ui']) }),
]);

export type Request = z.infer<typeof requestSchema>;

/** An answer that says only whether it was done. */
interface Done {
  ok: boolean;
}

/** What the service worker answers to each request. */
interface WorkerAnswers {
  resolve: ResolveResponse;
  search: (SearchHit | V1SearchHit)[];
  'open-secid-page': Done;
  live: LiveAnswer;
  'page-ids-report': Done;
  'open-url': Done;
  'load-stage': Done;
}

const pageIdSchema = z.object({
  text: z.string().check(z.minLength(1), z.maxLength(1024)),
  count: z.number().check(z.int(), z.minimum(1)),
  family: z.optional(z.string().check(z.maxLength(100))),
  sourceKey: z.optional(z.string().check(z.maxLength(200))),
});
const shown = z.object({ shown: z.boolean() });

/** What a tab's content script answers to each of its requests. */
interface TabAnswers {
  /** Each ID as written, how often, and its family and source when known. */
  'page-ids': PageId[];
  'scroll-to': { scrolled: boolean };
  'show-card': { shown: boolean };
  step: { shown: boolean };
}

/** The tab answers' schemas, checked where an answer arrives (shared/ask-tab.ts). */
export const tabAnswerSchemas: { [K in keyof TabAnswers]: z.ZodMiniType<TabAnswers[K]> } = {
  'page-ids': z.array(pageIdSchema),
  'scroll-to': z.object({ scrolled: z.boolean() }),
  'show-card': shown,
  step: shown,
};

/** Each message's params (its fields but `type`) and answer, by name. */
type Api<Req extends { type: string }, Answers extends { [K in Req['type']]: unknown }> = {
  [K in Req['type']]: { params: Omit<Extract<Req, { type: K }>, 'type'>; return: Answers[K] };
};

/** The service worker's messages (from the content script and the extension pages). */
export type WorkerApi = Api<Request, WorkerAnswers>;
/** A tab's messages (from the service worker and the popup). */
export type TabApi = Api<TabRequest, TabAnswers>;

/** A send function's params argument: optional when the message has no required field. */
export type ParamsArg<P> = object extends P ? [params?: P] : [params: P];

// The schema and the shared type of a page's ID are the same shape (a compile error otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type _PageIdSchemaIsPageId = Assert<Same<z.infer<typeof pageIdSchema>, PageId>>;

const warned = new Set<string>();

/** The message if it has a known shape, else undefined (logged once per shape of problem). */
export function checkMessage<T>(schema: z.ZodMiniType<T>, message: unknown, where: string): T | undefined {
  const result = schema.safeParse(message);
  if (result.success) return result.data;
  const key = `${where}:${result.error.issues[0]?.path.join('.') ?? ''}`;
  if (!warned.has(key)) {
    warned.add(key);
    console.warn(`SecID Lens: dropped a malformed message in ${where}`);
  }
  return undefined;
}
