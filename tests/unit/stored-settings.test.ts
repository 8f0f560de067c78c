import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/settings.ts';
import { pickStoredSettings, settingsAfterChange, settingsInChange } from '../../src/core/stored-settings.ts';

const dark = { ...DEFAULT_SETTINGS, theme: 'dark' };
const light = { ...DEFAULT_SETTINGS, theme: 'light' };

describe('pickStoredSettings', () => {
  it('reads the synced settings when there is no local fallback', () => {
    expect(pickStoredSettings({ primary: { settings: dark }, local: {} }).theme).toBe('dark');
  });

  it('takes the newer of the synced copy and the local fallback', () => {
    const fallback = { savedAt: 200, settings: light };
    expect(
      pickStoredSettings({ primary: { settings: dark, settingsSavedAt: 100 }, local: { settingsFallback: fallback } })
        .theme,
    ).toBe('light');
    expect(
      pickStoredSettings({ primary: { settings: dark, settingsSavedAt: 300 }, local: { settingsFallback: fallback } })
        .theme,
    ).toBe('dark');
    // A synced copy from a version before the stamp counts as oldest.
    expect(pickStoredSettings({ primary: { settings: dark }, local: { settingsFallback: fallback } }).theme).toBe(
      'light',
    );
  });

  it('ignores a corrupt fallback and keeps the synced settings', () => {
    for (const settingsFallback of [null, 'x', { savedAt: 'soon', settings: light }, { savedAt: Number.NaN }, []]) {
      expect(pickStoredSettings({ primary: { settings: dark }, local: { settingsFallback } }).theme).toBe('dark');
    }
  });

  it('falls back to local storage when sync cannot be read', () => {
    expect(pickStoredSettings({ primary: undefined, local: { settings: light } }).theme).toBe('light');
    expect(
      pickStoredSettings({
        primary: undefined,
        local: { settings: dark, settingsFallback: { savedAt: 1, settings: light } },
      }).theme,
    ).toBe('light');
    expect(pickStoredSettings({ primary: undefined, local: undefined })).toEqual(DEFAULT_SETTINGS);
  });
});

describe('settings from a change event', () => {
  it('carries the synced copy or the kept local one, and nothing for other keys', () => {
    expect(settingsInChange({ settings: { newValue: dark } })?.theme).toBe('dark');
    expect(settingsInChange({ settingsFallback: { newValue: { savedAt: 5, settings: light } } })?.theme).toBe('light');
    expect(settingsInChange({ pinned: { newValue: 1 }, settingsSavedAt: { newValue: 3 } })).toBeUndefined();
    // Removing the settings gives the defaults; a removed or corrupt fallback says nothing.
    expect(settingsInChange({ settings: {} })).toEqual(DEFAULT_SETTINGS);
    expect(settingsInChange({ settingsFallback: { newValue: 'x' } })).toBeUndefined();
  });

  it('applies the carried settings at once, then what storage holds if that differs', async () => {
    const seen: string[] = [];
    let loaded!: () => void;
    const stored = new Promise<void>((ok) => (loaded = ok));
    settingsAfterChange(
      { settings: { newValue: dark } },
      async () => {
        await stored;
        return { ...DEFAULT_SETTINGS, theme: 'light' };
      },
      (s) => seen.push(s.theme),
    );
    // Synchronously: a request sent right after the save sees it.
    expect(seen).toEqual(['dark']);
    loaded();
    await stored;
    await new Promise((ok) => setTimeout(ok, 0));
    expect(seen).toEqual(['dark', 'light']);
  });

  it('does not call again when storage agrees, nor at all for other keys', async () => {
    const seen: string[] = [];
    settingsAfterChange(
      { settings: { newValue: dark } },
      async () => ({ ...DEFAULT_SETTINGS, theme: 'dark' }),
      (s) => seen.push(s.theme),
    );
    settingsAfterChange(
      { pinned: { newValue: 1 } },
      async () => DEFAULT_SETTINGS,
      (s) => seen.push(s.theme),
    );
    await new Promise((ok) => setTimeout(ok, 0));
    expect(seen).toEqual(['dark']);
  });
});
