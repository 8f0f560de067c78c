/**
 * Distinct spellings a page reports for its toolbar badge; a page with more shows this many as "N+". Kept apart from
 * messages.ts so the content script does not bundle zod.
 */
export const MAX_REPORTED_IDS = 2000;
