import { expect, test } from './fixtures.ts';
import { hover } from './content-helpers.ts';

const CARD = 'secid-lens-root .secid-card';

// Pages skip text without a digit before detection; IDs that may have none (a GHSA ID of letters only, a SecID of a
// whole list) pass through their family's cue or `secid:` (src/compiler/family-cue.ts, registry/README.md).
for (const [text, selector, secid] of [
  ['GHSA-cfgh-jmpq-rvwx', '#ghsa', 'secid:advisory/github/ghsa#GHSA-cfgh-jmpq-rvwx'],
  ['secid:weakness/mitre/cwe', '#list', 'secid:weakness/mitre/cwe'],
] as const) {
  test(`${text}, which has no digit, is found on a page`, async ({ page, site }) => {
    await page.goto(`${site.url}/content-digit-free.html`);
    await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
    await hover(page, text, selector);
    await expect(page.locator(CARD)).toHaveAttribute('data-secid', secid);
  });
}
