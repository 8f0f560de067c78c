import { describe, expect, it } from 'vitest';
import { scanText, type ScanHit } from '../../src/core/scan.ts';
import { ScanStream } from '../../src/core/scan-stream.ts';
import { HtmlTextReader } from '../../src/cli/html-text.ts';
import { realDetector, realRegistry } from '../support/registry.ts';

const detector = realDetector();
const registry = realRegistry();
const key = (h: ScanHit) =>
  `${h.text}@${h.line}:${h.column}+${h.start}-${h.end}/${h.resolution.status}/${h.contextEdition ?? ''}`;

/** A deterministic pseudo-random text with IDs, SecIDs, context words, long tokens and line breaks everywhere. */
function sampleText(length: number, seed = 7): string {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  const pieces = [
    'CVE-2024-3094',
    'CWE-79',
    'LLM01:2025',
    'ML03',
    'OWASP',
    '2023',
    'secid:weakness/owasp/ml-top10#ML03',
    'T1059.003',
    'AML.T0051',
    'word',
    'x'.repeat(1500),
    'GHSA-abcd-efgh-ijkl',
    '(CWE-89)',
    'é',
  ];
  const seps = [' ', '\n', '  ', '\n\n', '\t', ', '];
  let out = '';
  while (out.length < length) out += pieces[next(pieces.length)]! + seps[next(seps.length)]!;
  return out;
}

function streamed(text: string, chunkSizes: number[]): ScanHit[] {
  const hits: ScanHit[] = [];
  const stream = new ScanStream({ detector, registry, onHit: (h) => hits.push(h) });
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = chunkSizes[i % chunkSizes.length]!;
    stream.push(text.slice(at, at + size));
    at += size;
  }
  stream.end();
  return hits;
}

describe('ScanStream', () => {
  it('finds exactly what a whole-text scan finds, with the same lines, columns and offsets, however the text is cut', () => {
    const text = sampleText(400_000);
    const whole = scanText(text, detector, registry).map(key);
    expect(whole.length).toBeGreaterThan(1_000);
    for (const sizes of [[65_536], [1, 7, 4093, 70_000], [200_000], [text.length]]) {
      expect(streamed(text, sizes).map(key), String(sizes)).toEqual(whole);
    }
  });

  it('cuts a text without whitespace and still reports the IDs it holds once each', () => {
    const text = 'CWE-79,'.repeat(30_000);
    const hits = streamed(text, [10_000]);
    expect(hits.length).toBe(30_000);
    expect(new Set(hits.map((h) => h.start)).size).toBe(30_000);
  });

  it('keeps IDs of separate segments apart and positions each from its own start', () => {
    const hits: ScanHit[] = [];
    const stream = new ScanStream({ detector, registry, onHit: (h) => hits.push(h) });
    stream.begin({ line: 10, column: 5, offset: 100 });
    stream.push('see CVE-');
    stream.end();
    stream.begin({ line: 12, column: 1, offset: 200 });
    stream.push('2024-3094 and\n  CWE-79');
    stream.end();
    expect(hits.map((h) => [h.text, h.line, h.column, h.start])).toEqual([['CWE-79', 13, 3, 216]]);
  });
});

describe('HtmlTextReader', () => {
  const read = (html: string, chunk = 3) => {
    const hits: ScanHit[] = [];
    const stream = new ScanStream({ detector, registry, onHit: (h) => hits.push(h) });
    const reader = new HtmlTextReader(stream);
    for (let i = 0; i < html.length; i += chunk) reader.write(html.slice(i, i + chunk));
    reader.finish();
    return hits.map((h) => `${h.text}@${h.line}:${h.column}`);
  };

  it('reads body text only: not scripts, styles, titles, textareas, comments or attributes', () => {
    const html =
      '<!doctype html><title>CWE-1</title><style>.ML01{}</style><script>"CWE-2 </b> ML02"</script>\n<p title="CWE-3">A <b>CWE-79</b><!-- CWE-4 --> <textarea>CWE-5</textarea>ML03</p><noscript>CWE-6</noscript>';
    expect(read(html)).toEqual(['CWE-79@2:23', 'ML03@2:74']);
    expect(read(html, 1_000)).toEqual(read(html));
  });

  it('reads text in SVG and after a template closes', () => {
    expect(read('<svg><title>CWE-7</title><text>CWE-8</text></svg><template><p>CWE-9</template>CWE-10')).toEqual([
      'CWE-7@1:13',
      'CWE-8@1:32',
      'CWE-10@1:79',
    ]);
  });

  it('skips over-long comments and attribute values yet finds what follows them at its exact position', () => {
    const filler = 'CVE-2024-3094 -- lorem - ipsum &amp; "x" \n'.repeat(30_000);
    const html = `<p>CWE-79</p><!-- ${filler} --><p title="${filler.replace(/"/g, "'")}">ML01</p><p data-x='${filler.replace(/'/g, '"')}'>ML02</p><!${filler.replace(/>/g, '')}>ML03`;
    const where = (id: string) => {
      const at = html.lastIndexOf(id);
      const before = html.slice(0, at);
      return `${id}@${before.split('\n').length}:${at - before.lastIndexOf('\n')}`;
    };
    const expected = ['CWE-79', 'ML01', 'ML02', 'ML03'].map(where);
    for (const chunk of [65_536, 10_007]) expect(read(html, chunk), String(chunk)).toEqual(expected);
  });

  it('reads 200,000 nested and 100,000 unclosed elements without recursion', () => {
    const deep = `${'<div>'.repeat(200_000)}CVE-2024-3094${'</div>'.repeat(200_000)}`;
    expect(read(deep, 65_536)).toEqual(['CVE-2024-3094@1:1000001']);
    const unclosed = `${'<b><i>'.repeat(100_000)}CWE-79`;
    expect(read(unclosed, 65_536)).toEqual(['CWE-79@1:600001']);
  });
});
