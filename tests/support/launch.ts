import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './browsers.ts';

/** The built Chrome extension that every launch loads unless told otherwise. */
export const DIST = resolve('dist/chrome');

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Closes the browser, and removes its profile when the launch made it. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** The unpacked extension to load (default: dist/chrome). */
  dist?: string;
  /** Browser switches added after the shared ones (a net log, a UI language, feature switches). */
  args?: string[];
  /** A profile directory to use and keep (a browser restart on the same profile); default: a fresh one, removed on close. */
  profile?: string;
  /** Profile name prefix of the fresh profile, to tell them apart in the temp directory. */
  label?: string;
  viewport?: { width: number; height: number };
  locale?: string;
  /** A window on the display instead of headless (the demo, when there is a display). */
  headed?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * The one way tests, the benchmark and the soak run start Chromium with the built extension: the system Chromium
 * ($CHROMIUM_PATH first), new headless mode (plain `headless: true` loads extensions), and `--disable-extensions-except`
 * (Playwright passes `--disable-extensions` by default). The e2e fixtures share one per test worker (a launch costs
 * 2-3 s); a test launches its own when it needs a fresh service worker or extra switches.
 */
export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const dist = options.dist ?? DIST;
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), `secid-lens-${options.label ?? 'own'}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: !options.headed,
    ...(options.viewport ? { viewport: options.viewport } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.env ? { env: options.env } : {}),
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      ...CHROMIUM_ARGS,
      ...(options.args ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    worker,
    extensionId: new URL(worker.url()).host,
    close: async () => {
      await context.close();
      if (!options.profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}
