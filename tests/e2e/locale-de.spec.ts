import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { chromiumPath } from '../support/browsers.ts';
import { launchExtension } from '../support/launch.ts';

// Issue 15: a second locale. A browser whose UI language is German shows the extension in German.

base('with a German browser the popup, the options and the cards speak German', async () => {
  // Debian ships Chromium's UI languages apart: apt-get install chromium-l10n.
  base.skip(
    !existsSync(join(dirname(chromiumPath()), 'locales', 'de.pak')),
    'Chromium has no German UI here (Debian: apt-get install chromium-l10n)',
  );
  const browser = await launchExtension({
    label: 'de',
    locale: 'de-DE',
    env: { ...process.env, LANGUAGE: 'de', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
    args: ['--lang=de'],
  });
  try {
    const { context, worker, extensionId: id } = browser;
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
    await browser.close();
  }
});
