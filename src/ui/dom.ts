/** Tiny DOM helpers: text goes in through textContent only, links only when http(s). */
import { httpUrl } from '../core/http-url.ts';

type Attrs = Record<string, string | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) node.setAttribute(k, v);
  for (const child of children) {
    if (child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return node;
}

/** A link to an http(s) URL that opens in a new tab without an opener, or plain text when the URL is unsafe. */
export function link(doc: Document, url: string | undefined, text: string, attrs: Attrs = {}): HTMLElement {
  const href = httpUrl(url);
  if (!href) return el(doc, 'span', attrs, text);
  return el(doc, 'a', { ...attrs, href, target: '_blank', rel: 'noopener noreferrer' }, text);
}
