/** The Firefox manifest derived from the built Chrome one: same extension, Firefox's background and add-on settings. */
export const GECKO_ID = 'secid-lens@secid-lens.dev';

export function firefoxManifest(chrome: Record<string, unknown>): Record<string, unknown> {
  const manifest: Record<string, unknown> = structuredClone(chrome);
  const background = chrome.background as { service_worker?: string; type?: string } | undefined;
  if (background?.service_worker) {
    manifest.background = { scripts: [background.service_worker], type: background.type ?? 'module' };
  }
  manifest.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: '142.0',
      data_collection_permissions: { required: ['none'] },
    },
  };
  // Chrome-only keys Firefox warns about.
  delete manifest.minimum_chrome_version;
  delete manifest.key;
  delete manifest.use_dynamic_url;
  for (const war of (manifest.web_accessible_resources as { use_dynamic_url?: boolean }[] | undefined) ?? []) delete war.use_dynamic_url;
  return manifest;
}
