import { normaliseSettings, type Settings } from './settings.ts';

/**
 * Where settings live. Sync storage allows 120 writes a minute; a write past that (or any failed sync write) goes to
 * local storage under FALLBACK_KEY with the time it was made, and each sync write carries its time under SAVED_AT_KEY.
 * A read takes the newer of the two, so a change made while sync refused it is not reverted by the older synced copy.
 */
export const SETTINGS_KEY = 'settings';
export const SAVED_AT_KEY = 'settingsSavedAt';
export const FALLBACK_KEY = 'settingsFallback';

export interface StoredAreas {
  /** What the primary area (sync, else local) holds; undefined when it could not be read. */
  primary: Record<string, unknown> | undefined;
  /** What local storage holds; undefined when it could not be read. */
  local: Record<string, unknown> | undefined;
}

interface Fallback {
  savedAt: number;
  settings: unknown;
}

function fallbackOf(local: Record<string, unknown> | undefined): Fallback | undefined {
  const value = local?.[FALLBACK_KEY];
  if (value === null || typeof value !== 'object') return undefined;
  const { savedAt, settings } = value as Record<string, unknown>;
  return typeof savedAt === 'number' && Number.isFinite(savedAt) ? { savedAt, settings } : undefined;
}

/** The settings a reader should use, from whatever the two areas hold (missing, old-format or corrupt included). */
export function pickStoredSettings({ primary, local }: StoredAreas): Settings {
  const fallback = fallbackOf(local);
  const primaryAt = typeof primary?.[SAVED_AT_KEY] === 'number' ? (primary[SAVED_AT_KEY] as number) : 0;
  if (fallback && (primary === undefined || fallback.savedAt > primaryAt)) return normaliseSettings(fallback.settings);
  if (primary !== undefined) return normaliseSettings(primary[SETTINGS_KEY]);
  // Sync unreadable (policy, Firefox without an account) and no fallback: settings saved to local directly.
  return normaliseSettings(local?.[SETTINGS_KEY]);
}

/** Reads one storage area's keys; resolves undefined when the area cannot be read. */
export type AreaReader = (area: 'primary' | 'local', keys: string[]) => Promise<Record<string, unknown> | undefined>;

/** The settings to use, read from both areas at once (the one load rule of the content script and the extension pages). */
export async function readStoredSettings(read: AreaReader): Promise<Settings> {
  const [primary, local] = await Promise.all([
    read('primary', [SETTINGS_KEY, SAVED_AT_KEY]),
    read('local', [SETTINGS_KEY, FALLBACK_KEY]),
  ]);
  return pickStoredSettings({ primary, local });
}

/**
 * The settings a storage change event carries, or undefined when it does not concern them. Listeners apply these at
 * once (a request sent right after a save must see it) and then read storage again (`settingsAfterChange`), since only
 * a read can tell whether a newer copy sits in the other area.
 */
export function settingsInChange(changes: Record<string, { newValue?: unknown }>): Settings | undefined {
  const fallback = changes[FALLBACK_KEY] ? fallbackOf({ [FALLBACK_KEY]: changes[FALLBACK_KEY].newValue }) : undefined;
  if (fallback) return normaliseSettings(fallback.settings);
  if (changes[SETTINGS_KEY]) return normaliseSettings(changes[SETTINGS_KEY].newValue);
  return undefined;
}

/**
 * Calls `listener` with the settings a change carries at once, then again with what storage holds if that differs
 * (an older synced copy arriving while a newer local one is kept). `load` reads storage as loadSettings does.
 */
export function settingsAfterChange(
  changes: Record<string, { newValue?: unknown }>,
  load: () => Promise<Settings>,
  listener: (settings: Settings) => void,
): void {
  const carried = settingsInChange(changes);
  if (!carried) return;
  listener(carried);
  void load()
    .then((stored) => {
      if (JSON.stringify(stored) !== JSON.stringify(carried)) listener(stored);
    })
    .catch(() => undefined);
}
