import { describe, expect, it } from 'vitest';
import { luminance, parseColour } from '../../src/content/page-background.ts';

describe('page background', () => {
  it('reads computed colours', () => {
    expect(parseColour('rgb(13, 17, 23)')).toEqual([13, 17, 23, 1]);
    expect(parseColour('rgba(0, 0, 0, 0)')).toEqual([0, 0, 0, 0]);
    expect(parseColour('rgb(255 255 255 / 50%)')).toEqual([255, 255, 255, 0.5]);
    expect(parseColour('transparent')).toBeUndefined();
  });
  it('tells dark from light', () => {
    expect(luminance([13, 17, 23])).toBeLessThan(0.4);
    expect(luminance([255, 255, 255])).toBeCloseTo(1);
    expect(luminance([200, 200, 200])).toBeGreaterThan(0.4);
  });
});
