import { describe, expect, it, vi } from 'vitest';

// An in-memory storage.sync whose reads and writes take a turn of the event loop, as the browser's do.
const stored: Record<string, unknown> = {};
const later = <T>(value: T) => new Promise<T>((ok) => setTimeout(() => ok(value), 1));
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      sync: {
        get: (key: string) => later({ [key]: structuredClone(stored[key]) }),
        set: (items: Record<string, unknown>) =>
          later(Object.assign(stored, structuredClone(items))).then(() => undefined),
      },
      local: { get: () => later({}), set: () => later(undefined) },
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
