import type { Settings } from '../core/settings.ts';
import {
  FALLBACK_KEY,
  pickStoredSettings,
  SAVED_AT_KEY,
  SETTINGS_KEY,
  touchesSettings,
} from '../core/stored-settings.ts';

/**
 * The few extension APIs the first stage uses, without webextension-polyfill (its CommonJS interop alone cost about
 * 6 ms of evaluation on every page). Firefox has `browser` with promises; Chrome's `chrome` returns promises from
 * storage and runtime.sendMessage (MV3). onMessage answers through sendResponse, which both browsers support.
 */
type Api = typeof chrome;
const api = (): Api => (globalThis as { browser?: Api }).browser ?? chrome;

/** The stored settings, by the same rule as src/shared/settings-store.ts (src/core/stored-settings.ts). */
export async function loadSettings(): Promise<Settings> {
  const { storage } = api();
  const read = (area: chrome.storage.StorageArea, keys: string[]) =>
    (area.get(keys) as Promise<Record<string, unknown>>).catch(() => undefined);
  const [primary, local] = await Promise.all([
    read(storage.sync ?? storage.local, [SETTINGS_KEY, SAVED_AT_KEY]),
    read(storage.local, [SETTINGS_KEY, FALLBACK_KEY]),
  ]);
  return pickStoredSettings({ primary, local });
}

export function onSettingsChanged(listener: (settings: Settings) => void): void {
  api().storage.onChanged.addListener((changes) => {
    if (touchesSettings(Object.keys(changes))) void loadSettings().then(listener);
  });
}

export function sendMessage(message: unknown): Promise<unknown> {
  return api().runtime.sendMessage(message) as Promise<unknown>;
}

/** `handle` answers a message with a promise, or returns undefined when the message is not for it. */
export function onMessage(handle: (message: unknown) => Promise<unknown> | undefined): void {
  api().runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
    const answer = handle(message);
    if (!answer) return undefined;
    void answer.then(sendResponse, () => sendResponse(undefined));
    return true;
  });
}
