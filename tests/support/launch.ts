import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './browsers.ts';

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/**
 * A browser of its own with the built extension (tests/e2e/fixtures.ts shares one per test worker): for tests that
 * need a fresh service worker (its once-only warnings) or extra browser switches (a net log).
 */
export async function launchExtension(extraArgs: string[] = []): Promise<ExtensionBrowser> {
  const dist = resolve('dist/chrome');
  const profile = mkdtempSync(join(tmpdir(), 'secid-lens-own-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`, ...CHROMIUM_ARGS, ...extraArgs],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    worker,
    extensionId: new URL(worker.url()).host,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
