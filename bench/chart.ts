// Time vs page size, log-log, as a self-contained SVG (no library): ours (wall and busy), the peers and the floor.

export interface ChartPage {
  key: string;
  textChars: number;
  median: { oursWallMs: number; oursBusyMs: number; markJsMs: number; findAndReplaceMs: number; floorMs: number };
}

const SERIES = [
  {
    label: 'ours, document ready to done (wall)',
    color: '#0969da',
    dash: '',
    get: (p: ChartPage) => p.median.oursWallMs,
  },
  { label: 'ours, main-thread busy', color: '#0969da', dash: '6 4', get: (p: ChartPage) => p.median.oursBusyMs },
  { label: 'mark.js markRegExp', color: '#cf222e', dash: '', get: (p: ChartPage) => p.median.markJsMs },
  { label: 'findAndReplaceDOMText', color: '#bf8700', dash: '', get: (p: ChartPage) => p.median.findAndReplaceMs },
  {
    label: 'floor: innerText + one regex pass',
    color: '#1a7f37',
    dash: '2 3',
    get: (p: ChartPage) => p.median.floorMs,
  },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function sizeLabel(chars: number): string {
  return chars >= 1e6 ? `${Math.round(chars / 1e6)} MB` : `${Math.round(chars / 1e3)} KB`;
}

export function renderChart(pages: ChartPage[]): string {
  const W = 760;
  const H = 460;
  const m = { left: 70, right: 20, top: 40, bottom: 130 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const sorted = [...pages].sort((a, b) => a.textChars - b.textChars);
  const values = sorted.flatMap((p) => SERIES.map((s) => s.get(p))).filter((v) => Number.isFinite(v) && v > 0);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14" font-weight="600">Time to find and mark every ID vs page size (median, ms, log-log)</text>`,
  ];
  if (sorted.length === 0 || values.length === 0) {
    out.push(`<text x="${W / 2}" y="${H / 2}" text-anchor="middle">no data</text></svg>`);
    return out.join('\n');
  }
  const yMin = 10 ** Math.floor(Math.log10(Math.min(...values)));
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(...values)));
  const xs = sorted.map((p) => p.textChars);
  const xMin = Math.min(...xs) / 1.5;
  const xMax = Math.max(...xs) * 1.5;
  const x = (v: number) => m.left + ((Math.log10(v) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))) * pw;
  const y = (v: number) =>
    m.top + ph - ((Math.log10(v) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * ph;
  // Grid and axes.
  for (let v = yMin; v <= yMax * 1.001; v *= 10) {
    out.push(
      `<line x1="${m.left}" x2="${m.left + pw}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#d0d7de"/>`,
    );
    out.push(
      `<text x="${m.left - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v >= 1 ? v : v.toFixed(-Math.log10(v))}</text>`,
    );
  }
  for (const p of sorted) {
    out.push(
      `<line x1="${x(p.textChars).toFixed(1)}" x2="${x(p.textChars).toFixed(1)}" y1="${m.top}" y2="${m.top + ph}" stroke="#eaeef2"/>`,
    );
    out.push(
      `<text x="${x(p.textChars).toFixed(1)}" y="${m.top + ph + 18}" text-anchor="middle">${sizeLabel(p.textChars)}</text>`,
    );
  }
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#57606a"/>`);
  out.push(`<text x="${m.left + pw / 2}" y="${m.top + ph + 36}" text-anchor="middle">text on the page</text>`);
  out.push(`<text transform="translate(18 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">milliseconds</text>`);
  // Series.
  SERIES.forEach((s, i) => {
    const pts = sorted.map((p) => [p.textChars, s.get(p)] as const).filter(([, v]) => Number.isFinite(v) && v > 0);
    if (pts.length > 1)
      out.push(
        `<polyline fill="none" stroke="${s.color}" stroke-width="2" ${s.dash ? `stroke-dasharray="${s.dash}"` : ''} points="${pts.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(' ')}"/>`,
      );
    for (const [a, b] of pts)
      out.push(
        `<circle cx="${x(a).toFixed(1)}" cy="${y(b).toFixed(1)}" r="3.5" fill="${s.color}"><title>${esc(s.label)}: ${b.toFixed(1)} ms</title></circle>`,
      );
    const ly = m.top + ph + 56 + Math.floor(i / 2) * 20;
    const lx = m.left + (i % 2) * 330;
    out.push(
      `<line x1="${lx}" x2="${lx + 28}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2" ${s.dash ? `stroke-dasharray="${s.dash}"` : ''}/>`,
    );
    out.push(`<text x="${lx + 36}" y="${ly}">${esc(s.label)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
