import { test as base, type BrowserContext, type Worker } from '@playwright/test';
import { launchExtension, type ExtensionBrowser } from '../support/launch.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';

interface WorkerFixtures {
  extension: ExtensionBrowser;
  extensionContext: BrowserContext;
  /** The address of the page the extension opened on install (the welcome page), closed before any test runs. */
  welcomeUrl: string;
  serviceWorker: Worker;
  extensionId: string;
  site: StaticServer;
}

/** One browser with the built extension per test worker (a launch costs 2-3 s); one fixture server on 127.0.0.1. */
export const test = base.extend<{ context: BrowserContext; isolate: void }, WorkerFixtures>({
  extension: [
    async ({}, use) => {
      const browser = await launchExtension({ label: 'e2e' });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  extensionContext: [
    async ({ extension }, use) => {
      await use(extension.context);
    },
    { scope: 'worker' },
  ],
  serviceWorker: [
    async ({ extension }, use) => {
      await use(extension.worker);
    },
    { scope: 'worker' },
  ],
  extensionId: [
    async ({ extension }, use) => {
      await use(extension.extensionId);
    },
    { scope: 'worker' },
  ],
  // The extension opens its welcome page on install; it is awaited and closed here so no test sees a stray tab.
  welcomeUrl: [
    async ({ extensionContext, extensionId }, use) => {
      const isWelcome = (url: string) => url.startsWith(`chrome-extension://${extensionId}/src/welcome/`);
      const page =
        extensionContext.pages().find((p) => isWelcome(p.url())) ??
        (await extensionContext.waitForEvent('page', { predicate: (p) => isWelcome(p.url()), timeout: 10_000 }));
      const url = page.url();
      await page.close();
      await use(url);
    },
    { scope: 'worker', auto: true },
  ],
  site: [
    async ({}, use) => {
      const server = await startStaticServer({ '/': 'tests/fixtures/pages', '/node_modules/': 'node_modules' });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // Tests use the extension's context, so `page` is a fresh tab in it.
  context: async ({ extensionContext }, use) => {
    await use(extensionContext);
  },
  // The browser outlives each test, so each test leaves it as it found it: its tabs closed (tabs left open kept
  // scanning 10 MB pages and slowed every later test; one blank tab is left), its routes removed and the extension's storage empty.
  isolate: [
    async ({ extensionContext, serviceWorker }, use) => {
      await use();
      // One blank tab stays, so the browser keeps a window (tabs.create needs one).
      const blank = await extensionContext.newPage().catch(() => undefined);
      for (const p of extensionContext.pages()) if (p !== blank) await p.close().catch(() => {});
      await extensionContext.unrouteAll({ behavior: 'ignoreErrors' }).catch(() => {});
      // Only an area that holds something is cleared: storage.sync allows 120 writes a minute (see resetExtension).
      const clear = serviceWorker.evaluate(async () => {
        if (Object.keys(await chrome.storage.sync.get(null)).length) await chrome.storage.sync.clear();
        if (Object.keys(await chrome.storage.local.get(null)).length) await chrome.storage.local.clear();
      });
      await Promise.race([clear.catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
