import { expect, test } from './fixtures.ts';
import { extensionPage, resetExtension } from '../support/extension-pages.ts';

test.beforeEach(async ({ context, serviceWorker, page }) => {
  await resetExtension(context, serviceWorker, page);
});

const secidPage = (extensionId: string, q: string) =>
  extensionPage(extensionId, `secid-page/secid-page.html?q=${encodeURIComponent(q)}`);

test('an edition-dependent ID: editions side by side, canonical SecID, SecID 1.0, URL and permalink', async ({
  page,
  extensionId,
}) => {
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(secidPage(extensionId, 'LLM04'));
  await expect(page).toHaveTitle('LLM04 · SecID Lens');
  await expect(page.locator('#status .verdict')).toHaveText('“LLM04” resolves to:');
  await expect(page.locator('#status .detail')).toContainText('LLM04 means different things in 2 editions');

  const cards = page.locator('#editions .secid-card');
  await expect(cards).toHaveCount(2);
  await expect(cards.nth(0)).toHaveAttribute('data-secid', 'secid:weakness/owasp/llm-top10@2.0#LLM04');
  await expect(cards.nth(1)).toHaveAttribute('data-secid', 'secid:weakness/owasp/llm-top10@1.0#LLM04');
  await expect(cards.nth(0).locator('.secid-card__title')).toHaveText('Data and Model Poisoning');
  await expect(cards.nth(1).locator('.secid-card__title')).toHaveText('Model Denial of Service');
  // Side by side: same row, the second to the right of the first.
  const [a, b] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()];
  expect(Math.abs(a!.y - b!.y)).toBeLessThan(2);
  expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1);
  await expect(page.locator('#main-result')).toBeHidden();

  await expect(page.locator('#canonical')).toHaveText('secid:weakness/owasp/llm-top10@2.0#LLM04');
  await expect(page.locator('#secid-v1')).toHaveText('secid:weakness/owasp.org/llm-top10@2.0#LLM04');
  await expect(page.locator('#resolved-url')).toHaveAttribute('href', /^https:\/\/genai\.owasp\.org\//);
  const permalink = await page.locator('#permalink').getAttribute('href');
  expect(permalink).toBe(secidPage(extensionId, 'secid:weakness/owasp/llm-top10@2.0#LLM04'));

  // The permalink gives the same first answer.
  await page.goto(permalink!);
  await expect(page.locator('#canonical')).toHaveText('secid:weakness/owasp/llm-top10@2.0#LLM04');
  await expect(page.locator('#main-result .secid-card')).toHaveCount(1);
});

test('a CVE: the issuer first, then every database that lists it, each with its card', async ({
  page,
  extensionId,
}) => {
  await page.goto(secidPage(extensionId, 'CVE-2024-3094'));
  await expect(page.locator('#main-result .secid-card')).toHaveAttribute(
    'data-secid',
    'secid:advisory/mitre/cve#CVE-2024-3094',
  );
  const others = page.locator('#others .secid-card');
  expect(await others.count()).toBeGreaterThanOrEqual(3);
  await expect(page.locator('#others')).toContainText('NVD');
  await expect(page.locator('#editions')).toBeHidden();
});

test('knowledge shards: ATT&CK and CAPEC names, a known exploited CVE, and nicknames as suggestions', async ({
  page,
  extensionId,
}) => {
  await page.goto(secidPage(extensionId, 'T1059.003'));
  await expect(page.locator('html')).toHaveAttribute('data-knowledge', 'ready');
  const main = page.locator('#main-result .secid-card');
  await expect(main.locator('.secid-card__title')).toHaveText(
    'Command and Scripting Interpreter: Windows Command Shell',
  );
  await expect(main.locator('.secid-card__facts')).toContainText('Execution (TA0002)');

  await page.goto(secidPage(extensionId, 'CAPEC-66'));
  await expect(main.locator('.secid-card__title')).toHaveText('SQL Injection');
  await expect(main.locator('.secid-card__related li[data-secid="secid:weakness/mitre/cwe#CWE-89"]')).toBeVisible();

  await page.goto(secidPage(extensionId, 'CVE-2021-44228'));
  await expect(main.locator('.secid-card__kev')).toHaveText('Known exploited');
  await expect(main.locator('.secid-card__title')).toHaveText('Apache Log4j2 Remote Code Execution Vulnerability');

  await page.goto(secidPage(extensionId, 'log4shell'));
  await expect(page.locator('#suggestions li').first()).toHaveAttribute(
    'data-secid',
    'secid:advisory/mitre/cve#CVE-2021-44228',
  );
});

test('errors are precise and come with close matches', async ({ page, extensionId }) => {
  await page.goto(secidPage(extensionId, 'ML11'));
  await expect(page.locator('#status')).toHaveAttribute('data-status', 'related');
  await expect(page.locator('#status .detail')).toHaveText(
    'ML11 is not an item of OWASP ML Top 10, which has ML01–ML10.',
  );
  await expect(page.locator('#suggestions li').first()).toBeVisible();

  await page.goto(secidPage(extensionId, 'secid:weaknes/owasp/ml-top10#ML01'));
  await expect(page.locator('#status')).toHaveAttribute('data-status', 'not_found');
  await expect(page.locator('#status .detail')).toContainText('the types are advisory, weakness');
  await expect(page.locator('#identity')).toBeHidden();

  await page.goto(secidPage(extensionId, 'prompt injection'));
  await expect(page.locator('#suggestions li').first()).toContainText('Prompt Injection');
  await page.locator('#suggestions li a').first().click();
  await expect(page.locator('#status')).toHaveAttribute('data-status', /found|corrected/);
});

test('the form resolves in place, updates the address and follows Back', async ({ page, extensionId }) => {
  await page.goto(extensionPage(extensionId, 'secid-page/secid-page.html'));
  await expect(page.locator('#q')).toBeFocused();
  await expect(page.locator('#status')).toContainText('Type a SecID');
  await page.locator('#q').fill('ml-top10#ML03');
  await page.locator('#q').press('Enter');
  await expect(page.locator('#canonical')).toHaveText('secid:weakness/owasp/ml-top10#ML03');
  expect(new URL(page.url()).searchParams.get('q')).toBe('ml-top10#ML03');
  await page.locator('#q').fill('CWE-79');
  await page.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.locator('#canonical')).toContainText('CWE-79');
  await page.goBack();
  await expect(page.locator('#canonical')).toHaveText('secid:weakness/owasp/ml-top10#ML03');
  await expect(page.locator('#q')).toHaveValue('ml-top10#ML03');
});

test('related SecIDs link to their own SecID page', async ({ page, extensionId }) => {
  await page.goto(secidPage(extensionId, 'LLM04:2025'));
  const related = page.locator('.secid-card__related a').first();
  await expect(related).toHaveAttribute(
    'href',
    new RegExp(`^chrome-extension://${extensionId}/src/secid-page/secid-page\\.html\\?q=secid`),
  );
  await related.click();
  await expect(page.locator('#canonical')).not.toHaveText('secid:weakness/owasp/llm-top10@2.0#LLM04');
});

test('SecID 1.0 strings ours does not know come from the imported registry: CVSS 4.0 and the CCM', async ({
  page,
  extensionId,
}) => {
  await page.goto(secidPage(extensionId, 'secid:methodology/first.org/cvss@4.0'));
  await expect(page.locator('#status')).toHaveAttribute('data-status', 'found');
  await expect(page.locator('#resolved-url')).toHaveAttribute('href', 'https://www.first.org/cvss/v4.0/');
  await page.goto(secidPage(extensionId, 'secid:control/cloudsecurityalliance.org/ccm@4.0#IAM-12'));
  await expect(page.locator('#status')).toHaveAttribute('data-status', 'found');
  await expect(page.locator('#canonical')).toHaveText('secid:control/cloudsecurityalliance.org/ccm@4.0#IAM-12');
  await expect(page.locator('#resolved-url')).toHaveAttribute(
    'href',
    'https://cloudsecurityalliance.org/research/cloud-controls-matrix',
  );
});

test('a permalink copied from 0.1.0 (src/resolve/resolve.html) opens the SecID page with its query', async ({
  page,
  extensionId,
}) => {
  await page.goto(extensionPage(extensionId, 'resolve/resolve.html?q=ml-top10%23ML03'));
  await page.waitForURL(secidPage(extensionId, 'ml-top10#ML03'));
  await expect(page.locator('#canonical')).toHaveText('secid:weakness/owasp/ml-top10#ML03');
});
