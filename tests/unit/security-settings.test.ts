import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseSettings, type Settings } from '../../src/core/settings.ts';

// Upgrades of the stored format lose nothing, and stored values an attacker could shape (a synced profile, a
// hand-edited export) cannot reach past normaliseSettings. tests/unit/settings.test.ts and settings-controls.test.ts
// cover single corrupt fields and the one-string migration; these are the properties over all settings.

const host = fc
  .array(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/), { minLength: 2, maxLength: 4 })
  .map((labels) => labels.join('.'))
  .filter((h) => !h.startsWith('www.'));
const mode = fc.constantFrom('on' as const, 'off' as const, 'context' as const);
const key = fc.stringMatching(/^[a-z][a-z0-9/-]{0,40}$/);

/** Any valid current-format settings. */
const validSettings: fc.Arbitrary<Settings> = fc.record({
  version: fc.constant(1 as const),
  enabled: fc.boolean(),
  excludedSites: fc.uniqueArray(host, { maxLength: 20 }),
  families: fc.dictionary(key, mode, { maxKeys: 10 }),
  editions: fc.dictionary(key, fc.stringMatching(/^[0-9][0-9.]{0,9}$/), { maxKeys: 5 }),
  hoverDelayMs: fc.integer({ min: 0, max: 3000 }),
  theme: fc.constantFrom('page' as const, 'auto' as const, 'light' as const, 'dark' as const),
  omniboxEnter: fc.constantFrom('resolve' as const, 'source' as const),
  badge: fc.boolean(),
  liveDetails: fc.boolean(),
});

/** The same settings as format 0 wrote them: no version, the sites as one comma-separated string. */
function asFormat0(s: Settings, separator: string): Record<string, unknown> {
  const { version: _version, excludedSites, ...rest } = s;
  return { ...rest, disabledSites: excludedSites.join(separator) };
}

describe('settings across an upgrade of the stored format', () => {
  it('format 0 -> current loses no setting, whatever the values (and whatever spacing the old list had)', () => {
    fc.assert(
      fc.property(validSettings, fc.constantFrom(',', ', ', ' , ', ',\n'), (s, sep) => {
        const stored = JSON.parse(JSON.stringify(asFormat0(s, sep))) as unknown; // as it comes out of storage
        expect(normaliseSettings(stored)).toEqual(s);
      }),
      { numRuns: 500 },
    );
  });

  it('the current format survives a storage round trip unchanged', () => {
    fc.assert(
      fc.property(validSettings, (s) => {
        expect(normaliseSettings(JSON.parse(JSON.stringify(s)))).toEqual(s);
      }),
      { numRuns: 500 },
    );
  });

  it('one corrupt field costs only that field, in either format', () => {
    const corruptions: [keyof Settings, unknown][] = [
      ['enabled', 'yes'],
      ['families', 'all'],
      ['editions', [1, 2]],
      ['hoverDelayMs', Number.NaN],
      ['theme', '<script>'],
    ];
    fc.assert(
      fc.property(validSettings, fc.constantFrom(...corruptions), fc.boolean(), (s, [field, junk], old) => {
        const stored: Record<string, unknown> = old ? asFormat0(s, ',') : { ...s };
        stored[field] = junk;
        const back = normaliseSettings(stored);
        for (const k of Object.keys(s) as (keyof Settings)[]) if (k !== field) expect(back[k], k).toEqual(s[k]);
      }),
      { numRuns: 300 },
    );
  });

  it('when both the old and the new site list are stored, they are merged (a half-finished upgrade; issue 17)', () => {
    // Changed in issue 17: the new list used to win, so an empty new list next to the old one lost every old site.
    expect(
      normaliseSettings({ version: 1, excludedSites: ['new.example'], disabledSites: 'old.example' }).excludedSites,
    ).toEqual(['new.example', 'old.example']);
    expect(normaliseSettings({ excludedSites: [], disabledSites: 'old.example' }).excludedSites).toEqual([
      'old.example',
    ]);
  });
});

describe('stored values an attacker could shape', () => {
  it('keys such as __proto__ and constructor neither pollute prototypes nor survive as settings', () => {
    const stored = JSON.parse(
      '{"families":{"__proto__":"on","constructor":"off","cve":"off"},"editions":{"__proto__":"1.0"},"__proto__":{"enabled":false}}',
    ) as unknown;
    const s = normaliseSettings(stored);
    expect(Object.getPrototypeOf(s.families)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(s.editions)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).enabled).toBeUndefined();
    expect(s.enabled).toBe(true);
    expect(s.families.cve).toBe('off');
    expect(Object.hasOwn(s.families, '__proto__')).toBe(false);
  });

  it('markup and script-looking values never come back as settings', () => {
    const s = normaliseSettings({
      disabledSites: 'javascript:alert(1),<img src=x onerror=alert(1)>,data:text/html,<b>,evil.example',
      theme: 'dark" onload="alert(1)',
      editions: { 'weakness/owasp/llm-top10': '<script>alert(1)</script>' },
    });
    expect(s.excludedSites).toEqual(['evil.example']);
    expect(s.theme).toBe('page'); // the default (issue 15 made "match the page" the default)
    // Edition values are short strings that only ever reach the DOM as text; length-bounded here.
    expect(normaliseSettings({ editions: { k: 'x'.repeat(51) } }).editions).toEqual({});
  });

  it('anything at all normalises to a bounded, JSON-safe object', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, maxDepth: 3 }), (x) => {
        const s = normaliseSettings(x);
        expect(Object.keys(s).sort()).toEqual([
          'badge',
          'editions',
          'enabled',
          'excludedSites',
          'families',
          'hoverDelayMs',
          'liveDetails',
          'omniboxEnter',
          'theme',
          'version',
        ]);
        expect(JSON.parse(JSON.stringify(s))).toEqual(s);
        expect(s.excludedSites.length).toBeLessThanOrEqual(1000);
      }),
      { numRuns: 1000 },
    );
  });
});
