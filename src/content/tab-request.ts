import type { TabRequest } from '../shared/messages.ts';

/**
 * The tab requests of src/shared/messages.ts checked by hand: the same rules as `tabRequestSchema`, without
 * bundling zod into a script that runs on every page (about 21 KB). tests/unit/content-tab-request.test.ts keeps
 * the two in agreement.
 */
export function parseTabRequest(message: unknown): TabRequest | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
  const m = message as Record<string, unknown>;
  const text = m.text;
  switch (m.type) {
    case 'page-ids':
      return { type: 'page-ids' };
    case 'scroll-to': {
      if (typeof text !== 'string' || text.length > 1024) return undefined;
      const index = m.index;
      if (index === undefined) return { type: 'scroll-to', text };
      if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) return undefined;
      return { type: 'scroll-to', text, index };
    }
    case 'show-card':
      if (text === undefined) return { type: 'show-card' };
      return typeof text === 'string' && text.length <= 1024 ? { type: 'show-card', text } : undefined;
    case 'step':
      return m.direction === 1 || m.direction === -1 ? { type: 'step', direction: m.direction } : undefined;
    default:
      return undefined;
  }
}
