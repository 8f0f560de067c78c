import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, test as base, expect } from '@playwright/test';
import { DIST } from './fixtures.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../support/browsers.ts';

// Issue 15: a second locale. A browser whose UI language is German shows the extension in German.

base('with a German browser the popup, the options and the cards speak German', async () => {
  // Debian ships Chromium's UI languages apart: apt-get install chromium-l10n.
  base.skip(
    !existsSync(join(dirname(chromiumPath()), 'locales', 'de.pak')),
    'Chromium has no German UI here (Debian: apt-get install chromium-l10n)',
  );
  const profile = mkdtempSync(join(tmpdir(), 'secid-lens-de-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    locale: 'de-DE',
    env: { ...process.env, LANGUAGE: 'de', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
    args: [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`, '--lang=de', ...CHROMIUM_ARGS],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    expect(await worker.evaluate(() => chrome.i18n.getUILanguage())).toMatch(/^de/);
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/src/popup/popup.html`);
    await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
    await expect(page.locator('#q')).toHaveAttribute('placeholder', 'Suchen oder eine ID einfügen, z. B. ML03');
    await page.locator('#q').fill('zzqxv nothing');
    await expect(page.locator('#message .message__what')).toHaveText('Nichts im Verzeichnis passt zu „zzqxv nothing“.');
    await page.locator('#q').fill('ML03');
    const card = page.locator('#results .secid-card');
    await expect(card.locator('.secid-card__copy')).toHaveText('Kopieren');
    await expect(card.locator('[data-format="markdown"]')).toHaveText('Markdown');
    await expect(card.locator('.secid-card__copy-as-label')).toHaveText('Kopieren als:');

    await page.goto(`chrome-extension://${id}/src/options/options.html`);
    await expect(page.locator('h1')).toHaveText('SecID Lens – Einstellungen');
    await expect(
      page.getByLabel('Wie die Seite (Karten übernehmen die Farben der Seite, auf der sie erscheinen)'),
    ).toBeChecked();
    await expect(page.locator('section[data-group="behaviour"] h2')).toHaveText('Verhalten');
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
