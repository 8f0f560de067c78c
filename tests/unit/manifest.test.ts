import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIREFOX_ANDROID_MIN, FIREFOX_MIN, firefoxManifest, GECKO_ID } from '../../scripts/firefox-manifest.ts';
import {
  ALLOWED_MATCHES,
  ALLOWED_OPTIONAL_HOSTS,
  ALLOWED_PERMISSIONS,
  manifestProblems,
} from '../../scripts/manifest-policy.ts';

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const source = readJson('manifest.json');
const built = existsSync('dist/chrome/manifest.json') && existsSync('dist/firefox/manifest.json');

describe('permission allow-list', () => {
  it('the source manifest asks only for storage, contextMenus and activeTab, with host access from http/https content scripts', () => {
    expect(manifestProblems(source)).toEqual([]);
    expect([...(source.permissions as string[])].sort()).toEqual([...ALLOWED_PERMISSIONS]);
    expect((source.content_scripts as { matches: string[] }[]).flatMap((c) => c.matches).sort()).toEqual([
      ...ALLOWED_MATCHES,
    ]);
  });

  it('names each way of asking for more', () => {
    const greedy = {
      ...source,
      permissions: ['storage', 'tabs', 'debugger'],
      host_permissions: ['<all_urls>'],
      optional_host_permissions: ['*://*/*'],
      content_scripts: [{ matches: ['https://*/*', '<all_urls>', 'file:///*'], js: ['x.js'] }],
    };
    expect(manifestProblems(greedy)).toEqual([
      'permissions: "tabs" is not in the allowed list (activeTab, contextMenus, scripting, storage)',
      'permissions: "debugger" is not in the allowed list (activeTab, contextMenus, scripting, storage)',
      'host_permissions: must be absent or exactly ["http://*/*","https://*/*"], is ["<all_urls>"]',
      'optional_host_permissions: only https://api.osv.dev/* is allowed, is ["*://*/*"]',
      'content_scripts[0].matches: "<all_urls>" is not http://*/* or https://*/*',
      'content_scripts[0].matches: "file:///*" is not http://*/* or https://*/*',
    ]);
  });

  it('docs/release.md documents the same list', () => {
    const doc = readFileSync('docs/release.md', 'utf8');
    const section = doc.slice(doc.indexOf('## Permissions'));
    for (const p of [...ALLOWED_PERMISSIONS, ...ALLOWED_MATCHES, ...ALLOWED_OPTIONAL_HOSTS])
      expect(section).toContain(`\`${p}\``);
  });

  it.skipIf(!built)('the built Chrome and Firefox manifests stay within it', () => {
    expect(manifestProblems(readJson('dist/chrome/manifest.json'))).toEqual([]);
    expect(manifestProblems(readJson('dist/firefox/manifest.json'))).toEqual([]);
  });
});

describe('supported browsers', () => {
  // Debian 12 ships Chromium 150 and Firefox ESR 140 in its main archive: the low end of what npm test runs on.
  it('the manifests state Chromium 150+, Firefox 140+ and Firefox for Android 142+, as the README does', () => {
    expect(source.minimum_chrome_version).toBe('150');
    expect(FIREFOX_MIN).toBe('140.0');
    expect(FIREFOX_ANDROID_MIN).toBe('142.0');
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain('Chrome / Chromium 150');
    expect(readme).toContain('Firefox 140');
    expect(readme).toContain('Firefox for Android 142');
  });

  it.skipIf(!built)('the built Chrome manifest keeps the minimum version', () => {
    expect(readJson('dist/chrome/manifest.json').minimum_chrome_version).toBe('150');
  });
});

describe('Firefox manifest', () => {
  // The shape crxjs writes for Chrome, with the Chrome-only keys it may add.
  const chrome = {
    ...source,
    version: '1.2.3',
    background: { service_worker: 'service-worker-loader.js', type: 'module' },
    minimum_chrome_version: '120',
    key: 'abc',
    web_accessible_resources: [{ resources: ['a.js'], matches: ['https://*/*'], use_dynamic_url: true }],
  };
  const firefox = firefoxManifest(chrome);

  it('runs the background as module scripts (an event page) instead of a service worker', () => {
    expect(firefox.background).toEqual({ scripts: ['service-worker-loader.js'], type: 'module' });
  });

  it('carries the add-on id, minimum version and data-collection declaration AMO requires', () => {
    // Nothing is collected; live details (off by default) send the looked-up ID, which Firefox asks consent for then.
    expect(firefox.browser_specific_settings).toEqual({
      gecko: {
        id: GECKO_ID,
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'], optional: ['websiteContent', 'searchTerms'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    });
  });

  it('drops Chrome-only keys and keeps permissions, content scripts, omnibox and version as they are', () => {
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
    expect(firefox).not.toHaveProperty('key');
    expect(firefox.web_accessible_resources).toEqual([{ resources: ['a.js'], matches: ['https://*/*'] }]);
    for (const key of ['permissions', 'content_scripts', 'omnibox', 'version', 'commands', 'action'])
      expect(firefox[key]).toEqual(chrome[key as keyof typeof chrome]);
    // The Chrome manifest it came from is left alone.
    expect(chrome.background).toEqual({ service_worker: 'service-worker-loader.js', type: 'module' });
  });

  it.skipIf(!built)('dist/firefox/manifest.json is the one derived from dist/chrome/manifest.json', () => {
    expect(readJson('dist/firefox/manifest.json')).toEqual(firefoxManifest(readJson('dist/chrome/manifest.json')));
  });
});
