// The options page imports a newer copy of the official SecID 1.0 registry (a .zip built from the test fixtures), the
// extension uses it over the bundled copy, still after a browser restart, and goes back to the bundled copy on request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { extensionPage } from '../support/extension-pages.ts';
import { launchExtension } from '../support/launch.ts';
import { fixtureArchive } from '../support/secid-archive.ts';

/** A browser on `profile`, kept on close, so a second launch is a restart of the same browser. */
async function launch(profile: string): Promise<{ context: BrowserContext; id: string }> {
  const { context, extensionId } = await launchExtension({ profile });
  return { context, id: extensionId };
}

async function resolveStatus(
  page: Page,
  id: string,
  q: string,
): Promise<{ status: string | null; url: string | null }> {
  await page.goto(extensionPage(id, `secid-page/secid-page.html?q=${encodeURIComponent(q)}`));
  await expect(page.locator('#status')).toHaveAttribute('data-status', /.+/);
  const status = await page.locator('#status').getAttribute('data-status');
  const link = page.locator('#resolved-url');
  return { status, url: status === 'found' && (await link.count()) ? await link.getAttribute('href') : null };
}

test('import a registry .zip, use it across a restart, reject a bad one untouched, go back to the bundled copy', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'secid-lens-import-'));
  try {
    let { context, id } = await launch(profile);
    let page = await context.newPage();
    await page.goto(extensionPage(id, 'options/options.html'));
    await expect(page.locator('#v1-active')).toHaveAttribute('data-source', 'bundled');
    await expect(page.locator('#v1-active')).toContainText('71b681d');

    await page
      .locator('#v1-zip')
      .setInputFiles({ name: 'SecID-abc1234.zip', mimeType: 'application/zip', buffer: fixtureArchive() });
    await expect(page.locator('#v1-result')).toHaveAttribute('data-outcome', 'imported');
    await expect(page.locator('#v1-result')).toContainText('Imported 5 namespaces from 5 files. 9 of 9 examples');
    await expect(page.locator('#v1-active')).toHaveAttribute('data-source', 'imported');
    await expect(page.locator('#v1-active')).toContainText('SecID-abc1234.zip');

    // The imported copy answers; the bundled one is no longer used.
    expect(await resolveStatus(page, id, 'secid:methodology/scoring.org/score@2.0')).toEqual({
      status: 'found',
      url: 'https://scoring.org/score/v2.0/',
    });
    expect((await resolveStatus(page, id, 'secid:methodology/first.org/cvss@4.0')).status).not.toBe('found');

    // A browser restart keeps it.
    await context.close();
    ({ context, id } = await launch(profile));
    page = await context.newPage();
    expect(await resolveStatus(page, id, 'secid:methodology/scoring.org/score@2.0')).toEqual({
      status: 'found',
      url: 'https://scoring.org/score/v2.0/',
    });

    // A bad archive: file: reason, nothing changes.
    await page.goto(extensionPage(id, 'options/options.html'));
    await page
      .locator('#v1-zip')
      .setInputFiles({ name: 'broken.zip', mimeType: 'application/zip', buffer: Buffer.from('this is not a zip') });
    await expect(page.locator('#v1-result')).toHaveAttribute('data-outcome', 'rejected');
    await expect(page.locator('#v1-problems li')).toHaveText([
      'broken.zip: not a .zip archive (no end of central directory)',
    ]);
    await expect(page.locator('#v1-active')).toContainText('SecID-abc1234.zip');

    // Back to the bundled copy.
    await page.locator('#v1-bundled').click();
    await expect(page.locator('#v1-active')).toHaveAttribute('data-source', 'bundled');
    expect(await resolveStatus(page, id, 'secid:methodology/first.org/cvss@4.0')).toEqual({
      status: 'found',
      url: 'https://www.first.org/cvss/v4.0/',
    });
    expect((await resolveStatus(page, id, 'secid:methodology/scoring.org/score@2.0')).status).not.toBe('found');
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
