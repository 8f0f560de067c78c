import type { Detection, Detector } from './detect.ts';
import type { Registry } from './registry.ts';
import { resolve, type ResolveOptions, type ResolveResponse } from './resolve.ts';
import { lastStartAt } from './sorted.ts';

export interface ScanHit extends Detection {
  line: number;
  column: number;
  resolution: ResolveResponse;
}

/** Detect every ID in `text` and resolve each one. Lines and columns are 1-based. */
export function scanText(
  text: string,
  detector: Detector,
  registry: Registry,
  options: ResolveOptions = {},
): ScanHit[] {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const cache = new Map<string, ResolveResponse>();
  return detector.detect(text).map((d) => {
    const line = lastStartAt(lineStarts, d.start);
    const query = d.text;
    const key = `${query}\u0000${d.contextEdition ?? ''}`;
    let resolution = cache.get(key);
    if (!resolution) {
      const opts = d.contextEdition !== undefined ? { ...options, contextEdition: d.contextEdition } : options;
      resolution = resolve(registry, query, opts);
      cache.set(key, resolution);
    }
    return { ...d, line: line + 1, column: d.start - lineStarts[line]! + 1, resolution };
  });
}
