// Seeded, deterministic benchmark pages. Every ID is planted whole inside one text node with a space or a block
// boundary on each side, so the extension, the floor (innerText) and both peers can all find exactly `ids` of them.

/** mulberry32: tiny, fast, good enough for test data; the same seed always gives the same page. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

// Lower-case prose only: no filler word can look like an ID (IDs are upper-case or contain digits).
const WORDS = (
  'the a an of to in and or for with on by from at as is are was were be been has have had not this that these those it its ' +
  'attacker server client request response input output memory buffer overflow injection prompt model training data pipeline ' +
  'package dependency release version patch update upstream maintainer vendor advisory severity score exploit proof concept ' +
  'remote local privilege escalation authentication bypass token session cookie header parser library kernel driver network ' +
  'configuration default option flag value string array object function method call handler callback queue thread process ' +
  'container image registry build test suite coverage regression report issue comment review merge branch commit history ' +
  'user admin account password secret key certificate signature hash random seed entropy policy rule filter sanitiser encoder ' +
  'decoder template query database table column index cache proxy gateway endpoint service worker browser extension page ' +
  'script style layout render event listener observer mutation node element attribute text content document window frame ' +
  'mitigation detection response incident analyst team triage backlog priority milestone label owner reviewer approval ' +
  'should could would might must will can may does did done fixed broken stale pending open closed affected vulnerable safe ' +
  'quickly slowly carefully silently loudly usually rarely often never always again later soon today yesterday tomorrow ' +
  'because although while when where which who whose what how why then than also only just still even very quite rather'
).split(' ');

const NAMES = [
  'octocat',
  'mona',
  'hubot',
  'lena-dev',
  'sec-bot',
  'rtyler',
  'jdoe',
  'kmiller',
  'apatel',
  'zhangwei',
  'fcastro',
  'nkowalski',
];
const CODE_WORDS = [
  'const',
  'let',
  'return',
  'if',
  'else',
  'await',
  'async',
  'import',
  'export',
  'function',
  'new',
  'null',
  'true',
  'false',
];

/** One realistic security identifier of a randomly chosen family (every family here is on by default). */
export function sampleId(rng: Rng): string {
  switch (int(rng, 0, 15)) {
    case 0:
    case 1:
    case 2:
      return `CVE-${int(rng, 1999, 2025)}-${int(rng, 1000, 49999)}`;
    case 3:
    case 4:
      return `CWE-${int(rng, 20, 1400)}`;
    case 5:
      return `LLM${pad(int(rng, 1, 10), 2)}${rng() < 0.5 ? ':2025' : ''}`;
    case 6:
      return `ML${pad(int(rng, 1, 10), 2)}`;
    case 7:
      return `AML.T${pad(int(rng, 1, 60), 4)}`;
    case 8:
      return rng() < 0.5 ? `T${int(rng, 1001, 1600)}` : `T${int(rng, 1001, 1600)}.${pad(int(rng, 1, 12), 3)}`;
    case 9:
      return pick(rng, [
        'secid:weakness/owasp/ml-top10#ML01',
        'secid:weakness/mitre/cwe#CWE-79',
        'secid:advisory/mitre/cve#CVE-2024-3094',
        'secid:ttp/mitre/attack#T1059.003',
        'secid:weakness/owasp/llm-top10@2025#LLM01',
      ]);
    case 10: {
      const g = () => Array.from({ length: 4 }, () => pick(rng, [...'23456789abcdefghjkmnpqrstuvwxyz'])).join('');
      return `GHSA-${g()}-${g()}-${g()}`;
    }
    case 11:
      return `CAPEC-${int(rng, 1, 700)}`;
    case 12:
      return pick(rng, [
        `RUSTSEC-${int(rng, 2017, 2025)}-${pad(int(rng, 1, 120), 4)}`,
        `PYSEC-${int(rng, 2017, 2025)}-${int(rng, 1, 900)}`,
        `GO-${int(rng, 2020, 2025)}-${int(rng, 100, 3500)}`,
      ]);
    case 13:
      return pick(rng, [
        `USN-${int(rng, 4000, 7200)}-${int(rng, 1, 3)}`,
        `DSA-${int(rng, 4000, 5900)}-1`,
        `RHSA-${int(rng, 2019, 2025)}:${int(rng, 100, 9999)}`,
      ]);
    case 14:
      return `ASI${pad(int(rng, 1, 10), 2)}`;
    default:
      return `A${pad(int(rng, 1, 10), 2)}:2021`;
  }
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Builds text with an ID planted at about one per `idEvery` characters; counts characters and IDs as it goes. */
class Writer {
  chars = 0;
  ids = 0;
  readonly out: string[] = [];
  private readonly idChance: number;

  constructor(
    readonly rng: Rng,
    idEvery: number,
  ) {
    // One word slot per ~8 characters of text (words, spaces, and the numbers and code around them), measured.
    this.idChance = idEvery > 0 ? 8 / idEvery : 0;
  }

  html(s: string): void {
    this.out.push(s);
  }

  /** Plain text (escaped); counts towards the page's text size. */
  text(s: string): void {
    this.chars += s.length;
    this.out.push(esc(s));
  }

  word(): string {
    if (this.rng() < this.idChance) {
      this.ids++;
      return sampleId(this.rng);
    }
    return pick(this.rng, WORDS);
  }

  words(n: number): string {
    const ws: string[] = [];
    for (let i = 0; i < n; i++) ws.push(this.word());
    return ws.join(' ');
  }

  sentence(): string {
    const s = this.words(int(this.rng, 6, 18));
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  }

  /** A paragraph with inline markup; inline elements always have spaces around them. */
  paragraph(tag = 'p'): void {
    const rng = this.rng;
    this.html(`<${tag}>`);
    const n = int(rng, 2, 7);
    for (let i = 0; i < n; i++) {
      if (i > 0) this.text(' ');
      const r = rng();
      if (r < 0.15) {
        this.text(`${this.sentence()} See `);
        this.html(`<a href="https://example.com/${pick(rng, WORDS)}/${int(rng, 1, 9999)}">`);
        this.text(this.words(int(rng, 1, 4)));
        this.html('</a>');
        this.text(' for details.');
      } else if (r < 0.25) {
        this.text(`${this.sentence()} Call `);
        this.html('<code>');
        this.text(`${pick(rng, WORDS)}.${pick(rng, WORDS)}()`);
        this.html('</code>');
        this.text(` ${this.words(int(rng, 3, 8))}.`);
      } else if (r < 0.35) {
        this.text(`${this.words(int(rng, 2, 6))} `);
        const tag = pick(rng, ['em', 'strong']);
        this.html(`<${tag}>`);
        this.text(this.words(int(rng, 1, 3)));
        this.html(`</${tag}>`);
        this.text(` ${this.words(int(rng, 3, 8))}.`);
      } else this.text(this.sentence());
    }
    this.html(`</${tag}>\n`);
  }

  list(): void {
    const tag = this.rng() < 0.6 ? 'ul' : 'ol';
    this.html(`<${tag}>\n`);
    for (let i = int(this.rng, 3, 8); i > 0; i--) {
      this.html('<li>');
      this.text(this.sentence());
      if (this.rng() < 0.2) {
        this.html('\n<ul>\n<li>');
        this.text(this.sentence());
        this.html('</li>\n</ul>\n');
      }
      this.html('</li>\n');
    }
    this.html(`</${tag}>\n`);
  }

  table(): void {
    const rng = this.rng;
    const cols = int(rng, 3, 5);
    this.html('<table>\n<thead><tr>');
    for (let c = 0; c < cols; c++) {
      this.html('<th>');
      this.text(pick(rng, WORDS));
      this.html('</th>\n');
    }
    this.html('</tr></thead>\n<tbody>\n');
    for (let r = int(rng, 3, 10); r > 0; r--) {
      this.html('<tr>');
      for (let c = 0; c < cols; c++) {
        this.html('<td>');
        this.text(
          c === 0
            ? this.word()
            : rng() < 0.3
              ? `${int(rng, 0, 99)}.${int(rng, 0, 9)} ${pick(rng, WORDS)}`
              : this.words(int(rng, 1, 4)),
        );
        this.html('</td>\n');
      }
      this.html('</tr>\n');
    }
    this.html('</tbody>\n</table>\n');
  }

  code(): void {
    const rng = this.rng;
    this.html('<pre><code>');
    for (let i = int(rng, 4, 16); i > 0; i--) {
      const indent = '  '.repeat(int(rng, 0, 3));
      const line =
        rng() < 0.5
          ? `${indent}${pick(rng, CODE_WORDS)} ${pick(rng, WORDS)}_${pick(rng, WORDS)} = ${pick(rng, WORDS)}(${int(rng, 0, 99)}) && x < ${int(rng, 1, 9)};`
          : `${indent}// ${this.words(int(rng, 3, 9))}`;
      this.text(`${line}\n`);
    }
    this.html('</code></pre>\n');
  }

  /** GitHub-style nesting: a card inside wrappers inside wrappers. */
  nested(): void {
    const depth = int(this.rng, 3, 8);
    for (let d = 0; d < depth; d++) this.html(`<div class="wrap-${d}">\n`);
    this.paragraph();
    if (this.rng() < 0.5) this.paragraph();
    for (let d = 0; d < depth; d++) this.html('</div>\n');
  }

  quote(): void {
    this.html('<blockquote>\n');
    this.paragraph();
    this.html('</blockquote>\n');
  }

  block(): void {
    const r = this.rng();
    if (r < 0.45) this.paragraph();
    else if (r < 0.6) this.list();
    else if (r < 0.7) this.table();
    else if (r < 0.8) this.code();
    else if (r < 0.93) this.nested();
    else this.quote();
  }
}

export interface BenchPage {
  name: string;
  html: string;
  /** Characters of text planted (about what innerText returns). */
  textChars: number;
  /** IDs planted: the count every marker should find. */
  ids: number;
  /** Elements and text nodes, roughly (for the report). */
  description: string;
}

const STYLE = `<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1f2328}
pre{background:#f6f8fa;padding:.75rem;overflow:auto}code{font-family:ui-monospace,monospace}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.25rem .5rem}
.timeline-item{display:flex;gap:.75rem;margin:1rem 0}.avatar{width:40px;height:40px;border-radius:50%;background:#ddd;flex:none}
.comment{border:1px solid #d0d7de;border-radius:6px;flex:1}.comment-header{background:#f6f8fa;padding:.5rem;border-bottom:1px solid #d0d7de}
.comment-body{padding:.5rem 1rem}.reactions button{margin:.25rem;border:1px solid #d0d7de;border-radius:1rem;background:#fff}
.label{border:1px solid #d0d7de;border-radius:1rem;padding:0 .4rem;font-size:12px}
</style>`;

function document(title: string, body: string[]): string {
  return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${esc(title)}</title>\n${STYLE}\n</head>\n<body>\n<div id="page">\n${body.join('')}</div>\n</body>\n</html>\n`;
}

/** A documentation/article page of about `textBytes` characters of text, one ID per `idEvery` characters (0: none). */
export function articlePage(seed: number, textBytes: number, idEvery = 2048, name = `article-${textBytes}`): BenchPage {
  const w = new Writer(prng(seed), idEvery);
  const rng = w.rng;
  w.html('<header><nav>');
  for (let i = 0; i < 8; i++) {
    w.html(`<a href="/${pick(rng, WORDS)}">`);
    w.text(pick(rng, WORDS));
    w.html('</a>\n');
  }
  w.html('</nav></header>\n<main><article>\n<h1>');
  w.text(w.words(6));
  w.html('</h1>\n');
  let section = 0;
  while (w.chars < textBytes) {
    w.html(`<section id="s${section}">\n<h2>`);
    w.text(`${++section}. ${w.words(int(rng, 2, 6))}`);
    w.html('</h2>\n');
    for (let b = int(rng, 3, 9); b > 0 && w.chars < textBytes; b--) w.block();
    w.html('</section>\n');
  }
  w.html('</article></main>\n<footer><p>');
  w.text('end of page');
  w.html('</p></footer>\n');
  return {
    name,
    html: document(`bench ${name}`, w.out),
    textChars: w.chars,
    ids: w.ids,
    description: `article, ${section} sections`,
  };
}

function commentInto(w: Writer, index: number): void {
  const rng = w.rng;
  const user = pick(rng, NAMES);
  w.html(
    `<div class="timeline-item js-comment" id="issuecomment-${1_000_000 + index}">\n<div class="avatar" aria-hidden="true"></div>\n`,
  );
  w.html(`<div class="comment"><div class="comment-header"><strong><a class="author" href="/${user}">`);
  w.text(user);
  w.html('</a></strong> ');
  w.text('commented ');
  w.html(`<relative-time datetime="2024-0${int(rng, 1, 9)}-1${int(rng, 0, 9)}T10:00:00Z">`);
  w.text(`on ${pick(rng, ['Mar', 'Apr', 'May', 'Jun'])} ${int(rng, 1, 28)}`);
  w.html('</relative-time>');
  if (rng() < 0.3) {
    w.html(' <span class="label">');
    w.text(pick(rng, ['Member', 'Contributor', 'Author', 'Owner']));
    w.html('</span>');
  }
  w.html('</div>\n<div class="comment-body markdown-body">\n');
  for (let b = int(rng, 1, 4); b > 0; b--) {
    const r = rng();
    if (r < 0.6) w.paragraph();
    else if (r < 0.75) w.list();
    else if (r < 0.9) w.code();
    else w.quote();
  }
  w.html('</div>\n<div class="reactions">');
  for (let r = int(rng, 0, 3); r > 0; r--) {
    w.html('<button type="button">');
    w.text(`${pick(rng, ['+1', 'heart', 'rocket', 'eyes'])} ${int(rng, 1, 40)}`);
    w.html('</button>');
  }
  w.html('</div></div>\n</div>\n');
}

/** A GitHub issue: title, labels, sidebar and `comments` comments. */
export function issuePage(seed: number, comments = 500, idEvery = 2048): BenchPage {
  const w = new Writer(prng(seed), idEvery);
  w.html('<div class="gh-header"><h1 class="gh-header-title">');
  w.text('Bump xz-utils to 5.6.2 to fix CVE-2024-3094 ');
  w.ids++;
  w.html('<span class="number">');
  w.text('#4242');
  w.html('</span></h1>\n<div class="labels">');
  for (const l of ['security', 'dependencies', 'priority: high']) {
    w.html('<span class="label">');
    w.text(l);
    w.html('</span> ');
  }
  w.html('</div></div>\n<div class="layout"><div class="discussion-timeline">\n');
  for (let i = 0; i < comments; i++) commentInto(w, i);
  w.html('</div>\n<div class="sidebar"><h3>');
  w.text('Assignees');
  w.html('</h3><p>');
  w.text('No one assigned');
  w.html('</p></div></div>\n');
  return {
    name: `issue-${comments}`,
    html: document('Bump xz-utils · Issue #4242', w.out),
    textChars: w.chars,
    ids: w.ids,
    description: `GitHub-issue-shaped, ${comments} comments`,
  };
}

/** Comments to append to the issue page later (bursts of new content): each one's HTML and its number of IDs. */
export function issueComments(
  seed: number,
  count: number,
  first: number,
  idEvery = 2048,
): { html: string[]; ids: number[] } {
  const w = new Writer(prng(seed), idEvery);
  const html: string[] = [];
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const from = w.out.length;
    const before = w.ids;
    commentInto(w, first + i);
    html.push(w.out.slice(from).join(''));
    ids.push(w.ids - before);
  }
  return { html, ids };
}

/** `nodes` tiny text nodes (one word each, in spans), 50 to a paragraph. */
export function tinyNodesPage(seed: number, nodes = 200_000, idEvery = 2048): BenchPage {
  const w = new Writer(prng(seed), idEvery);
  const perParagraph = 50;
  for (let i = 0; i < nodes; i++) {
    if (i % perParagraph === 0) w.html(i === 0 ? '<p>' : '</p>\n<p>');
    w.html('<span>');
    // The trailing space keeps words apart in innerText, as the page's own spacing would.
    w.text(`${w.word()} `);
    w.html('</span>');
  }
  w.html('</p>\n');
  return {
    name: `tiny-nodes-${nodes}`,
    html: document('bench tiny nodes', w.out),
    textChars: w.chars,
    ids: w.ids,
    description: `${nodes} text nodes of one word`,
  };
}

// Dense pages (issue 17): what security people open that holds far more IDs than prose. CVE IDs only (on by
// default, no context word needed), each whole and bounded by spaces or punctuation, so every marker finds `ids`.
const denseCve = (i: number) => `CVE-${2000 + (i % 25)}-${10000 + i}`;

/** A scanner report viewed raw: one <pre>, one text node, one JSON object per line, about `mb` MB, `ids` IDs. */
export function denseReportPage(ids = 60_000, mb = 10): BenchPage {
  const pad = Math.max(0, Math.round((mb * 1_000_000) / ids) - 80);
  const lines: string[] = [];
  for (let i = 0; i < ids; i++)
    lines.push(
      `  {"id": "${denseCve(i)}", "package": "lib${i % 977}", "severity": "high", "note": "${'x'.repeat(pad)}"},`,
    );
  const text = `[\n${lines.join('\n')}\n]`;
  return {
    name: `report-${mb}m`,
    html: document('bench dense report', [`<pre>${esc(text)}</pre>\n`]),
    textChars: text.length,
    ids,
    description: `one \`<pre>\` of ${ids} JSON lines, one text node`,
  };
}

/** Two IDs repeated in one <pre> with no line break at all (1 MB with 24,000 IDs froze the tab for minutes). */
export function denseLinePage(ids = 24_000): BenchPage {
  const unit = 'CVE-2024-3094 was in the log line here, ok: CWE-79 was seen again in the log here and ';
  const text = unit.repeat(Math.ceil(ids / 2));
  return {
    name: `pre-line-${ids}`,
    html: document('bench dense line', [`<pre>${esc(text)}</pre>\n`]),
    textChars: text.length,
    ids: Math.ceil(ids / 2) * 2,
    description: `one \`<pre>\`, one line, ${Math.ceil(ids / 2) * 2} IDs`,
  };
}

/** A table with one ID per row. */
export function denseTablePage(ids = 50_000): BenchPage {
  const rows: string[] = [];
  let chars = 0;
  for (let i = 0; i < ids; i++) {
    const cells = [String(i), denseCve(i), `affects lib${i % 97}`];
    chars += cells.join(' ').length + 1;
    rows.push(`<tr><td>${cells.join('</td><td>')}</td></tr>\n`);
  }
  return {
    name: `table-${ids}`,
    html: document('bench dense table', ['<table><tbody>\n', ...rows, '</tbody></table>\n']),
    textChars: chars,
    ids,
    description: `${ids} table rows, one ID each`,
  };
}
