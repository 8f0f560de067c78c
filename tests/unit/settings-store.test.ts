import { describe, expect, it, vi } from 'vitest';

// In-memory sync and local areas whose reads and writes take a turn of the event loop, as the browser's do. Sync
// refuses writes while `syncFull` is set (its quota is 120 writes a minute).
const areas = { sync: {} as Record<string, unknown>, local: {} as Record<string, unknown> };
const quota = { syncFull: false };
const later = <T>(value: T) => new Promise<T>((ok) => setTimeout(() => ok(value), 1));
const fakeArea = (name: 'sync' | 'local') => ({
  get: (keys: string | string[]) =>
    later(Object.fromEntries([keys].flat().map((key) => [key, structuredClone(areas[name][key])]))),
  set: (items: Record<string, unknown>) =>
    name === 'sync' && quota.syncFull
      ? later(undefined).then(() => Promise.reject(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded')))
      : later(Object.assign(areas[name], structuredClone(items))).then(() => undefined),
  remove: (key: string) => later(delete areas[name][key]).then(() => undefined),
});
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      sync: fakeArea('sync'),
      local: fakeArea('local'),
      onChanged: { addListener: () => undefined, removeListener: () => undefined },
    },
  },
}));

const { loadSettings, updateSettings } = await import('../../src/shared/settings-store.ts');

describe('updateSettings', () => {
  it('keeps both of two changes made at once (no lost update)', async () => {
    await Promise.all([
      updateSettings((s) => ({ ...s, theme: 'dark' })),
      updateSettings((s) => ({ ...s, hoverDelayMs: 0 })),
      updateSettings((s) => ({ ...s, excludedSites: [...s.excludedSites, 'example.com'] })),
    ]);
    const settings = await loadSettings();
    expect(settings.theme).toBe('dark');
    expect(settings.hoverDelayMs).toBe(0);
    expect(settings.excludedSites).toEqual(['example.com']);
  });

  it('a change that throws is reported to its caller and does not block the next', async () => {
    await expect(
      updateSettings(() => {
        throw new Error('bad change');
      }),
    ).rejects.toThrow('bad change');
    await updateSettings((s) => ({ ...s, theme: 'light' }));
    expect((await loadSettings()).theme).toBe('light');
  });
});

describe('a change sync storage refuses', () => {
  it('is kept locally and read back instead of the older synced copy', async () => {
    await updateSettings((s) => ({ ...s, theme: 'light', hoverDelayMs: 300 }));
    quota.syncFull = true;
    await updateSettings((s) => ({ ...s, theme: 'dark' }));
    expect(areas.sync.settings).toMatchObject({ theme: 'light' });
    const read = await loadSettings();
    expect(read.theme).toBe('dark');
    expect(read.hoverDelayMs).toBe(300);
    // The next change builds on the kept one, not on the synced copy.
    await updateSettings((s) => ({ ...s, hoverDelayMs: 100 }));
    expect(await loadSettings()).toMatchObject({ theme: 'dark', hoverDelayMs: 100 });
  });

  it('gives way to a later write that sync accepts', async () => {
    quota.syncFull = false;
    await updateSettings((s) => ({ ...s, theme: 'auto' }));
    expect(areas.sync.settings).toMatchObject({ theme: 'auto', hoverDelayMs: 100 });
    expect((await loadSettings()).theme).toBe('auto');
    // The kept copy is dropped once sync has the newer one (another device's later change must not lose to it).
    expect(areas.local.settingsFallback).toBeUndefined();
  });
});
