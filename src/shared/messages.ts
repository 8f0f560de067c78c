import * as z from 'zod/mini';
import { MAX_REPORTED_IDS } from './page-report.ts';

/**
 * Every message between the content script, the popup, the extension pages and the service worker. Whatever arrives
 * is checked against these schemas; a message of any other shape is dropped (and logged once), never acted on.
 */
const query = z.string().check(z.minLength(1), z.maxLength(1024));

export const requestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('resolve'), query, contextEdition: z.optional(z.string().check(z.maxLength(20))) }),
  z.object({
    type: z.literal('search'),
    query,
    limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100))),
  }),
  z.object({ type: z.literal('open-resolve-page'), query }),
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
]);

export type Request = z.infer<typeof requestSchema>;

/** Messages the service worker or popup sends to a tab's content script. */
export const tabRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('page-ids') }),
  z.object({
    type: z.literal('scroll-to'),
    text: z.string().check(z.maxLength(1024)),
    index: z.optional(z.number().check(z.int(), z.minimum(0))),
  }),
  z.object({ type: z.literal('show-card'), text: z.optional(z.string().check(z.maxLength(1024))) }),
  // The next/previous-ID commands: step through the page's IDs with the card following.
  z.object({ type: z.literal('step'), direction: z.union([z.literal(1), z.literal(-1)]) }),
]);

export type TabRequest = z.infer<typeof tabRequestSchema>;

/** The content script's answer to `page-ids`: each ID as written, how often, and its family and source when known. */
export const pageIdsResponseSchema = z.array(
  z.object({
    text: z.string().check(z.minLength(1), z.maxLength(1024)),
    count: z.number().check(z.int(), z.minimum(1)),
    family: z.optional(z.string().check(z.maxLength(100))),
    source: z.optional(z.string().check(z.maxLength(200))),
  }),
);

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
