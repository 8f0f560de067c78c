import { normaliseSettings, type Settings } from '../core/settings.ts';

/**
 * The few extension APIs the first stage uses, without webextension-polyfill (its CommonJS interop alone cost about
 * 6 ms of evaluation on every page). Firefox has `browser` with promises; Chrome's `chrome` returns promises from
 * storage and runtime.sendMessage (MV3). onMessage answers through sendResponse, which both browsers support.
 */
type Api = typeof chrome;
const api = (): Api => (globalThis as { browser?: Api }).browser ?? chrome;

const KEY = 'settings';

/** The stored settings (sync storage, else local), normalised; the same rules as src/shared/settings-store.ts. */
export async function loadSettings(): Promise<Settings> {
  const { storage } = api();
  try {
    const stored = (await (storage.sync ?? storage.local).get(KEY)) as Record<string, unknown>;
    return normaliseSettings(stored[KEY]);
  } catch {
    const stored = (await storage.local.get(KEY).catch(() => ({}))) as Record<string, unknown>;
    return normaliseSettings(stored[KEY]);
  }
}

export function onSettingsChanged(listener: (settings: Settings) => void): void {
  api().storage.onChanged.addListener((changes) => {
    if (KEY in changes) listener(normaliseSettings(changes[KEY]!.newValue));
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
