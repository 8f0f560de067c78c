import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  isExcluded,
  normaliseHost,
  normaliseSettings,
  sitesCovering,
} from '../../src/core/settings.ts';

describe('settings', () => {
  it('gives defaults for nothing, garbage and the wrong types', () => {
    for (const stored of [undefined, null, 42, 'x', [], [1, 2], { enabled: 'yes' }])
      expect(normaliseSettings(stored)).toEqual(DEFAULT_SETTINGS);
  });
  it('keeps every valid field when another one is corrupt', () => {
    const s = normaliseSettings({
      enabled: false,
      excludedSites: ['github.com'],
      hoverDelayMs: 'soon',
      theme: 'purple',
      families: { 'mitre-cwe': 'off', x: 7 },
      editions: { 'weakness/owasp/llm-top10': '1.0' },
    });
    expect(s).toEqual({
      ...DEFAULT_SETTINGS,
      enabled: false,
      excludedSites: ['github.com'],
      families: { 'mitre-cwe': 'off' },
      editions: { 'weakness/owasp/llm-top10': '1.0' },
    });
  });
  it('migrates the old comma-separated exclusion list without losing a site', () => {
    expect(
      normaliseSettings({ disabledSites: 'https://www.Example.com/path, jira.corp.local,  , bad host!' }).excludedSites,
    ).toEqual(['example.com', 'jira.corp.local']);
  });
  it('is idempotent and total', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const once = normaliseSettings(x);
        expect(normaliseSettings(once)).toEqual(once);
        expect(normaliseSettings(JSON.parse(JSON.stringify(once)))).toEqual(once);
      }),
      { numRuns: 2000 },
    );
  });
  it('matches excluded sites by host and subdomain only', () => {
    const s = normaliseSettings({ excludedSites: ['github.com'] });
    expect(isExcluded(s, 'github.com')).toBe(true);
    expect(isExcluded(s, 'gist.github.com')).toBe(true);
    expect(isExcluded(s, 'notgithub.com')).toBe(false);
    // The popup's switch and the options page's duplicate check read the same rule.
    const both = normaliseSettings({ excludedSites: ['github.com', 'gist.github.com', 'example.org'] });
    expect(sitesCovering(both, 'gist.github.com')).toEqual(['github.com', 'gist.github.com']);
    expect(sitesCovering(both, 'notgithub.com')).toEqual([]);
    expect(normaliseHost('HTTPS://WWW.GitHub.com:443/x?y')).toBe('github.com:443');
    expect(normaliseHost('javascript:alert(1)')).toBeUndefined();
  });
});
