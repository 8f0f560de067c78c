/**
 * One distinct ID as written on a page and how often: the content script's `page-ids` answer, the badge's report,
 * and what the popup groups and merges into items.
 */
export interface PageId {
  text: string;
  count: number;
  /** Family of a bare ID (`owasp-ml-top10`), when the detector knows it. */
  family?: string;
  /** Source key (`weakness/owasp/ml-top10`), when the content script knows it. */
  sourceKey?: string;
}
