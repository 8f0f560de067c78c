import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { articlePage, issueComments, issuePage, prng, tinyNodesPage } from '../../bench/pages.ts';
import { Detector } from '../../src/core/detect.ts';
import type { DetectorSpec } from '../../src/core/registry-types.ts';
import spec from '../../src/generated/detector.json';

const detector = new Detector(spec as DetectorSpec);

/** The page's text as a browser would read it: tags become spaces (blocks and inline tags are always spaced). */
function text(html: string): string {
  return html
    .replace(/<(style|title)>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('benchmark pages', () => {
  it('are the same for the same seed and differ across seeds', () => {
    expect(articlePage(7, 30_000).html).toBe(articlePage(7, 30_000).html);
    expect(issuePage(7, 20).html).toBe(issuePage(7, 20).html);
    expect(tinyNodesPage(7, 2_000).html).toBe(tinyNodesPage(7, 2_000).html);
    expect(articlePage(8, 30_000).html).not.toBe(articlePage(7, 30_000).html);
    const a = prng(1);
    const b = prng(1);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });

  it('keep the page the benchmark results were taken on (change this hash only with new results)', () => {
    const hash = createHash('sha256')
      .update(articlePage(101, 100_000, 2048, 'article-100k').html)
      .digest('hex');
    expect(hash.slice(0, 16)).toBe(HASH_100K);
  });

  it('hold exactly the planted IDs, about one per 2 KB of text', () => {
    for (const page of [articlePage(3, 200_000), issuePage(4, 60), tinyNodesPage(5, 20_000)]) {
      expect(detector.detect(text(page.html)).length).toBe(page.ids);
      expect(page.textChars / page.ids).toBeGreaterThan(1200);
      expect(page.textChars / page.ids).toBeLessThan(3200);
    }
    const added = issueComments(6, 40, 500);
    expect(detector.detect(text(added.html.join(''))).length).toBe(added.ids.reduce((s, n) => s + n, 0));
  });

  it('make a page with no IDs when asked', () => {
    const page = articlePage(9, 50_000, 0);
    expect(page.ids).toBe(0);
    expect(detector.detect(text(page.html))).toEqual([]);
  });

  it('reach the requested size and the advertised shapes', () => {
    const page = articlePage(10, 100_000);
    expect(page.textChars).toBeGreaterThanOrEqual(100_000);
    expect(page.textChars).toBeLessThan(110_000);
    for (const tag of ['<ul>', '<table>', '<pre><code>', '<a href=', '<blockquote>', 'class="wrap-3"'])
      expect(page.html).toContain(tag);
    expect(tinyNodesPage(11, 1_000).html.match(/<span>/g)?.length).toBe(1_000);
    expect(issuePage(12, 25).html.match(/class="timeline-item/g)?.length).toBe(25);
  });
});

const HASH_100K = 'b1d76a05b150c0b4';
