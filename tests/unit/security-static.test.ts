import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { parse } from 'parse5';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Static proofs behind SECURITY.md: our code renders text only through textContent (no HTML sinks anywhere under
// src/, and lint refuses them), extension pages carry no inline script, and the manifests keep the strict CSP.

function files(dir: string, ext: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const HTML_PROPS = new Set(['innerHTML', 'outerHTML', 'srcdoc']);
const HTML_CALLS = new Set([
  'insertAdjacentHTML',
  'createContextualFragment',
  'setHTMLUnsafe',
  'parseHTMLUnsafe',
  'parseFromString',
  'execScript',
]);

/** Every place in a TypeScript source that could turn a string into markup or code, as "line: what". */
function htmlSinks(fileName: string, code: string): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const at = (node: ts.Node, what: string) =>
    found.push(`${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}`);
  const nameOf = (node: ts.Expression): string | undefined => {
    if (ts.isPropertyAccessExpression(node)) return node.name.text;
    if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression))
      return node.argumentExpression.text;
    return undefined;
  };
  const visit = (node: ts.Node) => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
    ) {
      const name = nameOf(node.left);
      if (name && HTML_PROPS.has(name)) at(node, `assigns ${name}`);
    }
    if (
      (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) &&
      ts.isIdentifier(node.name) &&
      HTML_PROPS.has(node.name.text)
    )
      at(node, `object property ${node.name.text}`);
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : nameOf(callee);
      if (name && HTML_CALLS.has(name)) at(node, `calls ${name}`);
      // document.write, not process.stdout.write (the CLI).
      if (
        (name === 'write' || name === 'writeln') &&
        ts.isPropertyAccessExpression(callee) &&
        /(^|\.)(document|doc)$/.test(callee.expression.getText(source))
      )
        at(node, `calls document.${name}`);
      if (name === 'eval') at(node, 'calls eval');
      if (
        (name === 'setTimeout' || name === 'setInterval') &&
        node.arguments[0] &&
        ts.isStringLiteralLike(node.arguments[0])
      )
        at(node, `${name} with a string`);
      if (
        (name === 'setAttribute' || name === 'setAttributeNS') &&
        node.arguments.some((a) => ts.isStringLiteralLike(a) && /^(on[a-z]+|srcdoc)$/i.test(a.text))
      )
        at(node, 'sets a handler attribute');
    }
    if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      (node.expression.text === 'Function' || node.expression.text === 'DOMParser')
    )
      at(node, `new ${node.expression.text}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('our code never turns text into markup or code', () => {
  const sources = files('src', /\.ts$/).filter((f) => !f.startsWith(join('src', 'generated')));

  it('the sink finder sees every form of sink (so a clean result means something)', () => {
    const bad = [
      'el.innerHTML = s;',
      'el.outerHTML += s;',
      "el['innerHTML'] = s;",
      'frame.srcdoc = s;',
      'Object.assign(el, { innerHTML: s });',
      "el.insertAdjacentHTML('beforeend', s);",
      'range.createContextualFragment(s);',
      'el.setHTMLUnsafe(s);',
      "new DOMParser().parseFromString(s, 'text/html');",
      'document.write(s);',
      'doc.writeln(s);',
      'eval(s);',
      "new Function('return 1');",
      "setTimeout('alert(1)', 1);",
      "el.setAttribute('onclick', s);",
    ];
    for (const line of bad) expect(htmlSinks('x.ts', line), line).not.toEqual([]);
    expect(
      htmlSinks(
        'x.ts',
        "el.textContent = s; el.setAttribute('title', s); const t = el.innerHTML; process.stdout.write(s);",
      ),
    ).toEqual([]);
  });

  it('no file under src/ has an HTML or code sink', () => {
    expect(sources.length).toBeGreaterThan(40);
    expect(sources).toContain(join('src', 'ui', 'card.ts'));
    const problems = sources.flatMap((file) => htmlSinks(file, readFileSync(file, 'utf8')).map((p) => `${file}:${p}`));
    expect(problems).toEqual([]);
  });

  it('text reaches the DOM through textContent and text nodes: the card helpers build nothing from strings', () => {
    const dom = readFileSync('src/ui/dom.ts', 'utf8');
    expect(dom).toContain('doc.createTextNode(child)');
    // Links only for http(s), through the one check every link passes.
    expect(dom).toMatch(/const href = httpUrl\(url\);/);
    expect(readFileSync('src/core/http-url.ts', 'utf8')).toMatch(
      /parsed\.protocol !== 'https:' && parsed\.protocol !== 'http:'\) return undefined;/,
    );
  });

  it('lint refuses each sink in src/ (eslint.config.js)', async () => {
    const eslint = new ESLint();
    const cases: [string, string][] = [
      ['innerHTML', 'export function f(el: Element, s: string): void { el.innerHTML = s; }\n'],
      ['outerHTML', 'export function f(el: Element, s: string): void { el.outerHTML = s; }\n'],
      [
        'insertAdjacentHTML',
        "export function f(el: Element, s: string): void { el.insertAdjacentHTML('beforeend', s); }\n",
      ],
      ['document.write', 'export function f(s: string): void { document.write(s); }\n'],
      ['eval', 'export function f(s: string): unknown { return eval(s); }\n'],
      ['new Function', "export function f(): unknown { return new Function('return 1'); }\n"],
    ];
    for (const [what, code] of cases) {
      // Linted as the text of an existing file: type-aware lint parses only files its TypeScript project has.
      const [result] = await eslint.lintText(code, { filePath: 'src/content/safe.ts' });
      expect(
        result!.messages.map((m) => m.ruleId),
        what,
      ).toContain('no-restricted-syntax');
    }
    const [clean] = await eslint.lintText('export function f(el: Element, s: string): void { el.textContent = s; }\n', {
      filePath: 'src/content/safe.ts',
    });
    expect(clean!.messages).toEqual([]);
  });
});

describe('extension pages: strict CSP, no inline script', () => {
  const CSP = "script-src 'self'; object-src 'self'";

  it('the manifest sets the extension pages CSP and exposes nothing to web pages', () => {
    const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as Record<string, unknown>;
    expect(manifest.content_security_policy).toEqual({ extension_pages: CSP });
    // No resource a page could load or probe, no way for a web page to message the extension.
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
  });

  /** Inline scripts, handler attributes and javascript: URLs in an HTML document. */
  function inlineCode(html: string): string[] {
    const found: string[] = [];
    type El = {
      nodeName: string;
      attrs?: { name: string; value: string }[];
      childNodes?: El[];
      content?: El;
      value?: string;
    };
    const visit = (node: El) => {
      for (const a of node.attrs ?? []) {
        if (/^on/i.test(a.name)) found.push(`<${node.nodeName} ${a.name}>`);
        if (/^\s*javascript:/i.test(a.value)) found.push(`<${node.nodeName} ${a.name}="${a.value}">`);
      }
      if (node.nodeName === 'script') {
        const hasSrc = (node.attrs ?? []).some((a) => a.name === 'src' && a.value !== '');
        const body = (node.childNodes ?? [])
          .map((c) => c.value ?? '')
          .join('')
          .trim();
        if (!hasSrc || body !== '') found.push('inline <script>');
      }
      for (const c of node.childNodes ?? []) visit(c);
      if (node.content) visit(node.content);
    };
    visit(parse(html) as unknown as El);
    return found;
  }

  it('the checker sees inline code', () => {
    expect(
      inlineCode('<script>alert(1)</script><img onerror="x"><a href="javascript:x">a</a><script src="a.js"></script>'),
    ).toEqual(['inline <script>', '<img onerror>', '<a href="javascript:x">']);
  });

  it('source pages (src/**/*.html) load their scripts from files only', () => {
    const pages = files('src', /\.html$/);
    expect(pages.length).toBe(5); // popup, options, SecID page, (issue 15) welcome and (issue 16) the 0.1.0 permalink forwarder
    for (const page of pages) expect(inlineCode(readFileSync(page, 'utf8')), page).toEqual([]);
  });

  const built = existsSync('dist/chrome/manifest.json');
  it.skipIf(!built)(
    'built pages (dist/chrome/**/*.html) have no inline script or handler, and the built manifests keep the CSP',
    () => {
      const pages = files('dist/chrome', /\.html$/);
      expect(pages.map((p) => p.replace(/\\/g, '/')).sort()).toEqual([
        'dist/chrome/src/options/options.html',
        'dist/chrome/src/popup/popup.html',
        'dist/chrome/src/resolve/resolve.html',
        'dist/chrome/src/secid-page/secid-page.html',
        'dist/chrome/src/welcome/welcome.html',
      ]);
      for (const page of pages) {
        const html = readFileSync(page, 'utf8');
        expect(inlineCode(html), page).toEqual([]);
        expect(html, page).toMatch(/<script type="module" crossorigin src="\/assets\/[\w.-]+\.js"><\/script>/);
      }
      for (const browser of ['chrome', 'firefox']) {
        const manifest = JSON.parse(readFileSync(`dist/${browser}/manifest.json`, 'utf8')) as Record<string, unknown>;
        expect(manifest.content_security_policy, browser).toEqual({ extension_pages: CSP });
        expect(manifest.web_accessible_resources, browser).toBeUndefined();
        expect(manifest.externally_connectable, browser).toBeUndefined();
      }
    },
  );

  it.skipIf(!built)('no built script assigns markup (our code and the bundled libraries alike)', () => {
    const scripts = files('dist/chrome', /\.js$/);
    expect(scripts.length).toBeGreaterThan(5);
    for (const file of scripts) {
      const code = readFileSync(file, 'utf8');
      expect(
        code.match(
          /\.(?:innerHTML|outerHTML|srcdoc)\s*\+?=(?!=)|insertAdjacentHTML|createContextualFragment|setHTMLUnsafe|document\.write/g,
        ) ?? [],
        file,
      ).toEqual([]);
    }
  });
});
