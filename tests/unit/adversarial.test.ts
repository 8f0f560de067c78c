import { describe, expect, it } from 'vitest';
import { adversarialTexts } from '../support/adversarial.ts';
import { realCompiled, realDetector } from '../support/registry.ts';

// Completes (the test timeout bounds it) and finds nothing in texts that contain no ID; timings are recorded by `npm run fuzz`.
describe('adversarial texts', () => {
  const detector = realDetector({
    families: Object.fromEntries(realCompiled().detector.families.map((f) => [f.id, 'on'])),
  });
  for (const { name, text } of adversarialTexts()) {
    it(`scans ${name} without finding a false ID`, () => {
      expect(detector.detect(text)).toEqual([]);
    });
  }
});
