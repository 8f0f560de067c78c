import type { Page } from '@playwright/test';

/**
 * Runs `fn(arg)` in the page's main world. `fn` is serialised with toString(), so it may use only its argument and
 * the page's globals (never its module's scope). tsx adds `__name()` calls to serialised functions: give them one.
 */
export async function inPage<A, R>(page: Page, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  return (await page.evaluate(`((__name) => (${fn.toString()})(${JSON.stringify(arg)}))((f) => f)`)) as R;
}
