import browser from 'webextension-polyfill';
import type { ParamsArg, WorkerApi } from './messages.ts';

/**
 * Extension pages (popup, SecID page, options): one typed request to the service worker. Undefined when nobody
 * answered (the worker dropped the request); a refused or failed request rejects.
 */
export function askWorker<K extends keyof WorkerApi>(
  type: K,
  ...[params]: ParamsArg<WorkerApi[K]['params']>
): Promise<WorkerApi[K]['return'] | undefined> {
  return browser.runtime.sendMessage({ type, ...params }) as Promise<WorkerApi[K]['return'] | undefined>;
}
