import browser from 'webextension-polyfill';
import { normaliseSettings, type Settings } from '../core/settings.ts';

const KEY = 'settings';

/** Sync storage where the browser has it (settings follow the user), local storage otherwise. */
function area(): browser.Storage.StorageArea {
  return browser.storage.sync ?? browser.storage.local;
}

export async function loadSettings(): Promise<Settings> {
  try {
    const stored = await area().get(KEY);
    return normaliseSettings(stored[KEY]);
  } catch {
    // Sync can be unavailable (policy, Firefox without an account); fall back to local.
    const stored = await browser.storage.local.get(KEY).catch(() => ({}) as Record<string, unknown>);
    return normaliseSettings((stored as Record<string, unknown>)[KEY]);
  }
}

export async function saveSettings(settings: Settings): Promise<void> {
  const clean = normaliseSettings(settings);
  try {
    await area().set({ [KEY]: clean });
  } catch {
    await browser.storage.local.set({ [KEY]: clean });
  }
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
  const handler = (changes: Record<string, browser.Storage.StorageChange>) => {
    if (KEY in changes) listener(normaliseSettings(changes[KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}
