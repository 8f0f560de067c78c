import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normaliseSettings, type Settings } from '../../src/core/settings.ts';

// One test per shape the stored settings ("settings" in storage.sync, or storage.local where sync fails) have had,
// from git history: format 0 (first releases, no version, the excluded sites as one comma-separated string under
// "disabledSites"), format 1 (version 1, "excludedSites" as an array), and the mixed shapes a half-finished upgrade
// or an old device syncing leaves. Each comes back as format 1 with nothing lost, and stays so when saved again.

const full: Omit<Settings, 'version' | 'excludedSites'> = {
  enabled: false,
  families: { 'mitre-cwe': 'off', cve: 'context' },
  editions: { 'weakness/owasp/llm-top10': '1.0' },
  hoverDelayMs: 750,
  theme: 'dark',
  omniboxEnter: 'source',
  badge: false,
  liveDetails: false,
};

function migrated(stored: unknown): Settings {
  const once = normaliseSettings(stored);
  // What the next save writes reads back the same (no second migration, no drift).
  expect(normaliseSettings(JSON.parse(JSON.stringify(once)))).toEqual(once);
  return once;
}

describe('settings migration, one shape at a time', () => {
  it('nothing stored (a new install): the defaults', () => {
    expect(migrated(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(migrated({})).toEqual(DEFAULT_SETTINGS);
  });

  it('format 0: no version, sites as a comma-separated string', () => {
    expect(migrated({ ...full, disabledSites: 'www.github.com, https://jira.corp.local/browse,,' })).toEqual({
      version: 1,
      ...full,
      excludedSites: ['github.com', 'jira.corp.local'],
    });
  });

  it('format 0 with the sites as an array', () => {
    expect(migrated({ ...full, disabledSites: ['github.com', 'wiki.corp.local'] })).toEqual({
      version: 1,
      ...full,
      excludedSites: ['github.com', 'wiki.corp.local'],
    });
  });

  it('format 1: version 1, sites as an array', () => {
    const current: Settings = { version: 1, ...full, excludedSites: ['github.com'] };
    expect(migrated(current)).toEqual(current);
  });

  it('format 1 with an empty new list next to an old one: the old sites are kept (issue 17)', () => {
    expect(
      migrated({ version: 1, ...full, excludedSites: [], disabledSites: 'github.com,gitlab.com' }).excludedSites,
    ).toEqual(['github.com', 'gitlab.com']);
  });

  it('both lists filled: merged, new first, each site once', () => {
    expect(
      migrated({ version: 1, excludedSites: ['a.example', 'b.example'], disabledSites: 'b.example, c.example' })
        .excludedSites,
    ).toEqual(['a.example', 'b.example', 'c.example']);
  });

  it('a corrupt new list next to a valid old one: the old sites are kept', () => {
    expect(migrated({ version: 1, excludedSites: 42, disabledSites: 'github.com' }).excludedSites).toEqual([
      'github.com',
    ]);
    expect(migrated({ version: 1, excludedSites: null, disabledSites: ['github.com', 7] }).excludedSites).toEqual([
      'github.com',
    ]);
  });
});
