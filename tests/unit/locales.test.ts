import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Every locale carries every message of the default one, with the same placeholders, so no string falls back to
// English or shows a raw $NAME$.

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const DIR = 'src/static/_locales';
const read = (locale: string) => JSON.parse(readFileSync(`${DIR}/${locale}/messages.json`, 'utf8')) as Messages;
const en = read('en');
const locales = readdirSync(DIR).filter((l) => l !== 'en');

describe('locales', () => {
  it('there is a second locale', () => {
    expect(locales).toContain('de');
  });
  for (const locale of locales) {
    it(`${locale}: same keys and placeholders as en, every placeholder used`, () => {
      const messages = read(locale);
      expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
      for (const [key, entry] of Object.entries(messages)) {
        expect(entry.message.trim(), key).not.toBe('');
        expect(entry.placeholders, key).toEqual(en[key]!.placeholders);
        const used = new Set([...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase()));
        expect([...used].sort(), key).toEqual(Object.keys(en[key]!.placeholders ?? {}).sort());
      }
    });
    it(`${locale}: translated, not copied (most sentences differ from English)`, () => {
      const messages = read(locale);
      const long = Object.keys(en).filter((k) => en[k]!.message.length > 25);
      const same = long.filter((k) => messages[k]!.message === en[k]!.message);
      expect(same).toEqual([]);
    });
  }
  it('the Chrome menu and omnibox markers survive translation', () => {
    const de = read('de');
    expect(de.contextMenuLookup!.message).toContain('%s');
    expect(de.omniboxDefault!.message).toMatch(/<match>\$QUERY\$<\/match>/);
  });
});
