import browser from 'webextension-polyfill';
import type { PageId } from '../core/page-id.ts';
import { pageItems } from '../core/page-items.ts';
import type { Registry } from '../core/registry.ts';
import type { Settings } from '../core/settings.ts';
import { MAX_REPORTED_IDS } from '../shared/page-report.ts';
import { badgeText } from './badge-text.ts';

/** Sets a tab's toolbar badge to the number of items (not spellings) its content script found. */
export async function showPageCount(args: {
  tabId: number;
  ids: readonly PageId[];
  registry: Registry;
  settings: Settings;
}): Promise<void> {
  const { tabId, ids, registry, settings } = args;
  const text = settings.badge
    ? badgeText(
        pageItems(ids, registry, { preferredEditions: settings.editions }).length,
        ids.length >= MAX_REPORTED_IDS,
      )
    : '';
  await browser.action.setBadgeText({ tabId, text });
  if (text) await browser.action.setBadgeBackgroundColor({ tabId, color: '#0b5cad' });
}

/** The setting turned off: clear every tab's badge at once. */
export async function clearBadges(): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) =>
      tab.id !== undefined ? browser.action.setBadgeText({ tabId: tab.id, text: '' }).catch(() => {}) : undefined,
    ),
  );
}
