import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/settings.ts';
import { pickStoredSettings, touchesSettings } from '../../src/core/stored-settings.ts';

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

describe('touchesSettings', () => {
  it('is true for the settings and the fallback, not for other keys', () => {
    expect(touchesSettings(['settings'])).toBe(true);
    expect(touchesSettings(['settingsFallback'])).toBe(true);
    expect(touchesSettings(['pinned', 'settingsSavedAt'])).toBe(false);
  });
});
