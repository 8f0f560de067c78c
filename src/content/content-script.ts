import browser from 'webextension-polyfill';
import detectorSpec from '../generated/detector.json';
import { Detector } from '../core/detect.ts';
import type { DetectorSpec } from '../core/registry-types.ts';
import { checkMessage, tabRequestSchema } from '../shared/messages.ts';

// Minimal body: find the IDs in the page's text; the hover card comes with the content-script work.
const detector = new Detector(detectorSpec as DetectorSpec);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'INPUT', 'SELECT']);

function pageIds(): Map<string, number> {
  const counts = new Map<string, number>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement && SKIP.has(node.parentElement.tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const d of detector.detect(node.nodeValue ?? '')) counts.set(d.text, (counts.get(d.text) ?? 0) + 1);
  }
  return counts;
}

browser.runtime.onMessage.addListener((message: unknown) => {
  const request = checkMessage(tabRequestSchema, message, 'content script');
  if (request?.type === 'page-ids') return Promise.resolve([...pageIds()].map(([text, count]) => ({ text, count })));
  return undefined;
});
