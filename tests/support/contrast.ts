import type { Page } from '@playwright/test';

/** One piece of text (or a control's border) and the colours it is drawn with, as the browser computed them. */
export interface ColourPair {
  what: string;
  kind: 'text' | 'border';
  fg: [number, number, number];
  bg: [number, number, number];
  large: boolean;
}

const channel = (c: number) => {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const luminance = ([r, g, b]: [number, number, number]) =>
  0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);

/** WCAG 2 contrast ratio. */
export function contrast(a: [number, number, number], b: [number, number, number]): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

/** AA: 4.5:1 for text, 3:1 for large text and for the borders of controls. */
export function failures(pairs: ColourPair[]): string[] {
  return pairs
    .map((p) => ({ p, ratio: contrast(p.fg, p.bg), need: p.kind === 'border' || p.large ? 3 : 4.5 }))
    .filter(({ ratio, need }) => ratio < need)
    .map(
      ({ p, ratio, need }) =>
        `${p.kind} "${p.what}": ${ratio.toFixed(2)} < ${need} (rgb ${p.fg.join(',')} on ${p.bg.join(',')})`,
    );
}

/**
 * Every visible text on the page with its colour and the colour actually behind it (translucent layers composited
 * down to the first opaque one), plus the borders of form controls against what surrounds them.
 */
export function collectColours(page: Page): Promise<ColourPair[]> {
  return page.evaluate(() => {
    type RGBA = [number, number, number, number];
    const parse = (css: string): RGBA => {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(css);
      return m ? [+m[1]!, +m[2]!, +m[3]!, m[4] === undefined ? 1 : +m[4]] : [0, 0, 0, 0];
    };
    const over = (top: RGBA, bottom: [number, number, number]): [number, number, number] =>
      [0, 1, 2].map((i) => Math.round(top[i]! * top[3] + bottom[i]! * (1 - top[3]))) as [number, number, number];
    const behind = (el: Element | null): [number, number, number] => {
      const layers: RGBA[] = [];
      for (let node = el; node; node = node.parentElement) {
        const c = parse(getComputedStyle(node).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      // Our pages paint their body; white is only the fallback for a page with no opaque layer at all.
      let base: [number, number, number] = [255, 255, 255];
      if (layers.length && layers[layers.length - 1]![3] >= 1)
        base = layers.pop()!.slice(0, 3) as [number, number, number];
      for (const layer of layers.reverse()) base = over(layer, base);
      return base;
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return (
        r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && s.opacity !== '0' && !el.closest('.visually-hidden')
      );
    };
    const out: {
      what: string;
      kind: 'text' | 'border';
      fg: [number, number, number];
      bg: [number, number, number];
      large: boolean;
    }[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())
        .map((n) => n.textContent!.trim())
        .join(' ');
      const isControl =
        el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLButtonElement;
      if (!own && !(el instanceof HTMLSelectElement) && !(el instanceof HTMLInputElement && el.value)) continue;
      if (!visible(el)) continue;
      const s = getComputedStyle(el);
      const bg = behind(el);
      const size = parseFloat(s.fontSize);
      const bold = Number(s.fontWeight) >= 700;
      out.push({
        what: (own || (el as HTMLInputElement).value || el.id).slice(0, 40),
        kind: 'text',
        fg: over(parse(s.color), bg),
        bg,
        large: size >= 24 || (bold && size >= 18.66),
      });
      if (
        isControl &&
        !(el instanceof HTMLButtonElement) &&
        (el as HTMLInputElement).type !== 'checkbox' &&
        (el as HTMLInputElement).type !== 'radio'
      ) {
        const around = behind(el.parentElement);
        out.push({
          what: `border of #${el.id || el.tagName}`,
          kind: 'border',
          fg: over(parse(s.borderTopColor), around),
          bg: around,
          large: false,
        });
      }
    }
    return out;
  });
}
