/**
 * Whether the page under a point looks dark, from the first opaque background colour among the element's ancestors
 * (then <body>, then <html>); undefined when every background is transparent (the browser's canvas shows, which
 * follows the page's color-scheme). For the card theme "match the page": a dark page in a light system gets a dark card.
 */
export function pageLooksDark(doc: Document, from: Element | null): boolean | undefined {
  const view = doc.defaultView;
  if (!view) return undefined;
  const chain: Element[] = [];
  for (let n: Element | null = from; n && chain.length < 64; n = n.parentElement) chain.push(n);
  if (doc.body && !chain.includes(doc.body)) chain.push(doc.body);
  if (doc.documentElement && !chain.includes(doc.documentElement)) chain.push(doc.documentElement);
  for (const element of chain) {
    const rgba = parseColour(view.getComputedStyle(element).backgroundColor);
    if (rgba && rgba[3] > 0.5) return luminance(rgba) < 0.4;
  }
  return undefined;
}

/** `rgb(r, g, b)` / `rgba(r, g, b, a)` / `rgb(r g b / a)` to numbers; undefined for anything else. */
export function parseColour(value: string): [number, number, number, number] | undefined {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(value.trim());
  if (!m) return undefined;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number(m[4].slice(0, -1)) / 100 : Number(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
}

/** Relative luminance (WCAG), 0 for black to 1 for white. */
export function luminance([r, g, b]: readonly number[]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}
