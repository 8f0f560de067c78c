import { describe, expect, it } from 'vitest';
import type { DetectFamily } from '../../src/core/registry-types.ts';
import { DEFAULT_SETTINGS, normaliseSettings, type Settings } from '../../src/core/settings.ts';
import { effectiveMode, familyModes, withEdition, withFamilyMode } from '../../src/options/family-modes.ts';
import { siteState, withSite } from '../../src/popup/site-rules.ts';

const settings = (patch: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...patch });

// Settings as the options page and the popup's site switch read and write them.
describe('normaliseSettings, as the options page relies on it', () => {
  it('turns anything that is not an object into the defaults', () => {
    for (const junk of [undefined, null, 'garbage', 42, [], [1, 2], true])
      expect(normaliseSettings(junk)).toEqual(DEFAULT_SETTINGS);
  });
  it('drops each corrupt field alone and keeps the valid ones', () => {
    const s = normaliseSettings({
      enabled: 'yes',
      excludedSites: ['Example.COM/path', 42, 'not a host!', 'www.github.com', 'example.com'],
      families: { cve: 'maybe', 'owasp-top10': 'on', 'mitre-cwe': 'off', x: null },
      editions: { 'weakness/owasp/llm-top10': '1.0', bad: 7, empty: '' },
      hoverDelayMs: -5,
      theme: 'purple',
      omniboxEnter: 'elsewhere',
      badge: 'yes',
    });
    expect(s).toEqual({
      version: 1,
      enabled: true,
      excludedSites: ['example.com', 'github.com'],
      families: { 'owasp-top10': 'on', 'mitre-cwe': 'off' },
      editions: { 'weakness/owasp/llm-top10': '1.0' },
      hoverDelayMs: 300,
      theme: 'page',
      omniboxEnter: 'resolve',
      badge: true,
      liveDetails: false,
    });
  });
  it('rejects delays out of range or not numbers, and rounds fractions', () => {
    expect(normaliseSettings({ hoverDelayMs: 3001 }).hoverDelayMs).toBe(300);
    expect(normaliseSettings({ hoverDelayMs: Number.NaN }).hoverDelayMs).toBe(300);
    expect(normaliseSettings({ hoverDelayMs: '500' }).hoverDelayMs).toBe(300);
    expect(normaliseSettings({ hoverDelayMs: 0 }).hoverDelayMs).toBe(0);
    expect(normaliseSettings({ hoverDelayMs: 250.4 }).hoverDelayMs).toBe(250);
  });
  it('reads the old comma-separated exclusion list', () => {
    expect(normaliseSettings({ disabledSites: 'a.com, b.org,,' }).excludedSites).toEqual(['a.com', 'b.org']);
  });
  it('is idempotent', () => {
    const once = normaliseSettings({ excludedSites: ['www.A.com'], theme: 'dark', families: { cve: 'off' } });
    expect(normaliseSettings(once)).toEqual(once);
  });
});

const family = (patch: Partial<DetectFamily>): DetectFamily => ({
  id: 'f',
  label: 'F',
  pattern: 'F\\d+',
  sourceKey: 'weakness/x/y',
  default: 'on',
  context: [],
  confidence: 0.9,
  editions: [],
  ...patch,
});

describe('family modes', () => {
  it('offers "context" only where there is something to look for', () => {
    expect(familyModes(family({}))).toEqual(['on', 'off']);
    expect(familyModes(family({ context: ['OWASP'] }))).toEqual(['on', 'context', 'off']);
    expect(familyModes(family({ editions: ['2021'] }))).toEqual(['on', 'context', 'off']);
  });
  it('stores only choices that differ from the default', () => {
    const f = family({ id: 'owasp-top10', default: 'context', context: ['OWASP'] });
    const on = withFamilyMode(settings(), f, 'on');
    expect(on.families).toEqual({ 'owasp-top10': 'on' });
    expect(effectiveMode(on, f)).toBe('on');
    const back = withFamilyMode(on, f, 'context');
    expect(back.families).toEqual({});
    expect(effectiveMode(back, f)).toBe('context');
  });
  it('removes an edition preference when set back to automatic', () => {
    const s = withEdition(settings(), 'weakness/owasp/llm-top10', '1.0');
    expect(s.editions).toEqual({ 'weakness/owasp/llm-top10': '1.0' });
    expect(withEdition(s, 'weakness/owasp/llm-top10', '').editions).toEqual({});
  });
});

describe('per-site switch', () => {
  it('knows web pages only, by host name without port or www', () => {
    expect(siteState(settings(), 'chrome://newtab/')).toBeUndefined();
    expect(siteState(settings(), 'about:blank')).toBeUndefined();
    expect(siteState(settings(), undefined)).toBeUndefined();
    expect(siteState(settings(), 'not a url')).toBeUndefined();
    expect(siteState(settings(), 'http://127.0.0.1:8080/demo.html')).toEqual({
      host: '127.0.0.1',
      excluded: false,
      rules: [],
    });
    expect(siteState(settings({ excludedSites: ['example.com'] }), 'https://www.Example.com/x')).toEqual({
      host: 'example.com',
      excluded: true,
      rules: ['example.com'],
    });
  });
  it('names a parent rule and removes it when switched on', () => {
    const s = settings({ excludedSites: ['example.com', 'other.org'] });
    const state = siteState(s, 'https://docs.example.com/')!;
    expect(state).toEqual({ host: 'docs.example.com', excluded: true, rules: ['example.com'] });
    expect(withSite(s, state, true).excludedSites).toEqual(['other.org']);
  });
  it('adds the site once when switched off', () => {
    const state = siteState(settings(), 'https://docs.example.com/')!;
    const off = withSite(settings(), state, false);
    expect(off.excludedSites).toEqual(['docs.example.com']);
    expect(withSite(off, { ...state, excluded: true, rules: ['docs.example.com'] }, false).excludedSites).toEqual([
      'docs.example.com',
    ]);
  });
});
