/** The Firefox manifest derived from the built Chrome one: same extension, Firefox's background and add-on settings. */
import { LIVE_DATA_COLLECTION } from '../src/core/live-details.ts';

export const GECKO_ID = 'secid-lens@secid-lens.dev';
/** The supported browser range, stated here and in the README; npm test runs on both ends of it. */
export const FIREFOX_MIN = '140.0';
export const FIREFOX_ANDROID_MIN = '142.0';

export function firefoxManifest(chrome: Record<string, unknown>): Record<string, unknown> {
  const manifest: Record<string, unknown> = structuredClone(chrome);
  const background = chrome.background as { service_worker?: string; type?: string } | undefined;
  if (background?.service_worker) {
    manifest.background = { scripts: [background.service_worker], type: background.type ?? 'module' };
  }
  manifest.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      // Desktop: Firefox ESR 140 (Debian 12's main archive) has everything we use (MV3, CSS Custom Highlight API).
      strict_min_version: FIREFOX_MIN,
      // Nothing leaves the machine unless the user turns on live details; then the looked-up ID goes to OSV.dev, which
      // Firefox asks consent for (src/shared/live-permission.ts requests these at that moment).
      data_collection_permissions: { required: ['none'], optional: [...LIVE_DATA_COLLECTION] },
    },
    // Android: data_collection_permissions, which AMO requires, arrived in Firefox for Android 142.
    gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN },
  };
  // Chrome-only keys Firefox warns about.
  delete manifest.minimum_chrome_version;
  delete manifest.key;
  delete manifest.use_dynamic_url;
  for (const war of (manifest.web_accessible_resources as { use_dynamic_url?: boolean }[] | undefined) ?? [])
    delete war.use_dynamic_url;
  return manifest;
}
