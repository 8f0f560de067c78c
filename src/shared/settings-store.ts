import browser from 'webextension-polyfill';
import { normaliseSettings, type Settings } from '../core/settings.ts';
import {
  FALLBACK_KEY,
  readStoredSettings,
  SAVED_AT_KEY,
  SETTINGS_KEY,
  settingsAfterChange,
} from '../core/stored-settings.ts';

/** Sync storage where the browser has it (settings follow the user), local storage otherwise. */
function area(): browser.Storage.StorageArea {
  return browser.storage.sync ?? browser.storage.local;
}

const read = (storageArea: browser.Storage.StorageArea, keys: string[]) =>
  storageArea.get(keys).catch(() => undefined) as Promise<Record<string, unknown> | undefined>;

export function loadSettings(): Promise<Settings> {
  return readStoredSettings((which, keys) => read(which === 'local' ? browser.storage.local : area(), keys));
}

export async function saveSettings(settings: Settings): Promise<void> {
  const clean = normaliseSettings(settings);
  const savedAt = Date.now();
  let synced = true;
  try {
    await area().set({ [SETTINGS_KEY]: clean, [SAVED_AT_KEY]: savedAt });
  } catch {
    synced = false;
    // Sync refused the write (its quota is 120 writes a minute): keep the change locally, stamped, so reads prefer it
    // to the older synced copy until a later sync write succeeds.
    await browser.storage.local.set({ [FALLBACK_KEY]: { savedAt, settings: clean } });
  }
  // Sync now has the newest copy: drop a kept one, so a later change from another device is not judged against it.
  if (synced) await browser.storage.local.remove(FALLBACK_KEY).catch(() => undefined);
}

// Updates from one page run one after another: two quick changes (a theme, then an edition) would otherwise both
// read the same stored settings and the second write would drop the first change.
let queue: Promise<unknown> = Promise.resolve();

export function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const next = queue.then(async () => {
    const updated = normaliseSettings(change(await loadSettings()));
    await saveSettings(updated);
    return updated;
  });
  queue = next.catch(() => undefined);
  return next;
}

/** Calls `listener` with fresh settings whenever they change in any context (options page, popup, another device). */
export function onSettingsChanged(listener: (settings: Settings) => void): () => void {
  const handler = (changes: Record<string, browser.Storage.StorageChange>) =>
    settingsAfterChange(changes, loadSettings, listener);
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}
