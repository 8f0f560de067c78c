import type browser from 'webextension-polyfill';
import { LIVE_DATA_COLLECTION, LIVE_PERMISSION } from '../core/live-details.ts';
import { isFirefox } from './browser-kind.ts';

/**
 * What live details need the user to grant: access to OSV.dev and, in Firefox, consent to send what is looked up
 * (Firefox's built-in data consent; the manifest declares the categories optional, scripts/firefox-manifest.ts).
 */
export function livePermissions(): browser.Permissions.Permissions {
  const permissions: browser.Permissions.Permissions & { data_collection?: string[] } = { origins: [LIVE_PERMISSION] };
  if (isFirefox()) permissions.data_collection = [...LIVE_DATA_COLLECTION];
  return permissions;
}
