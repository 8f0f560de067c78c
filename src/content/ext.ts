import type { Settings } from '../core/settings.ts';
import { readStoredSettings, settingsAfterChange } from '../core/stored-settings.ts';
import type { ParamsArg, TabApi, WorkerApi } from '../shared/messages.ts';
import { parseTabRequest, type TabRequest } from '../shared/tab-request.ts';
import { noteError } from './safe.ts';

/**
 * The few extension APIs the first and control stages use, without webextension-polyfill (its CommonJS interop alone
 * cost about 6 ms of evaluation on every page). Firefox has `browser` with promises; Chrome's `chrome` returns
 * promises from storage and runtime.sendMessage (MV3). onMessage answers through sendResponse, which both browsers
 * support.
 */
type Api = typeof chrome;
const api = (): Api => (globalThis as { browser?: Api }).browser ?? chrome;

/** The stored settings, by the same rule as src/shared/settings-store.ts (src/core/stored-settings.ts). */
export function loadSettings(): Promise<Settings> {
  const { storage } = api();
  return readStoredSettings((which, keys) => {
    const area = which === 'local' ? storage.local : (storage.sync ?? storage.local);
    return (area.get(keys) as Promise<Record<string, unknown>>).catch(() => undefined);
  });
}

export function onSettingsChanged(listener: (settings: Settings) => void): void {
  api().storage.onChanged.addListener((changes) => settingsAfterChange(changes, loadSettings, listener));
}

/**
 * One typed request to the service worker (the contract is src/shared/messages.ts, imported as types only: no zod
 * here). A request the worker dropped answers undefined (Firefox) or rejects (Chrome); a refused or failed one rejects.
 */
export function askWorker<K extends keyof WorkerApi>(
  type: K,
  ...[params]: ParamsArg<WorkerApi[K]['params']>
): Promise<WorkerApi[K]['return'] | undefined> {
  return api().runtime.sendMessage({ type, ...params }) as Promise<WorkerApi[K]['return'] | undefined>;
}

/** Each tab request's answer, by name. */
export type TabHandlers = {
  [K in keyof TabApi]: (request: Extract<TabRequest, { type: K }>) => Promise<TabApi[K]['return']>;
};

/**
 * Answers the tab requests. Each is checked by parseTabRequest where it enters; a message of another shape is simply
 * not ours and gets no answer (quietly: the page's console stays clean). A failed handler
 * answers undefined.
 */
export function onTabRequest(handlers: TabHandlers): void {
  api().runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
    const request = parseTabRequest(message);
    if (!request) return undefined;
    // The handler of this request's own type (a union the compiler cannot pair with its handler by itself).
    const handle = handlers[request.type] as (request: TabRequest) => Promise<unknown>;
    void handle(request).then(sendResponse, (error: unknown) => {
      noteError(error);
      sendResponse(undefined);
    });
    return true;
  });
}
