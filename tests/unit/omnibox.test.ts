import { describe, expect, it } from 'vitest';
import {
  describe as describeSuggestion,
  matchRanges,
  omniboxEnterUrl,
  omniboxSuggestions,
  omniboxTarget,
  xmlEscape,
} from '../../src/background/omnibox.ts';
import { buildSearchIndex, RegistrySearch } from '../../src/core/search.ts';
import { realCompiled, realRegistry } from '../support/registry.ts';

const registry = realRegistry();
const search = new RegistrySearch(buildSearchIndex(realCompiled()));
const secidPage = (q: string) => `ext:resolve?q=${encodeURIComponent(q)}`;

/** Chrome rejects a description that is not well-formed XML with only <match>, <dim> and <url>. */
function wellFormed(xml: string): boolean {
  if (/&(?!(?:amp|lt|gt|quot|apos);)/.test(xml)) return false;
  const stack: string[] = [];
  for (const m of xml.matchAll(/<(\/?)([a-z]+)>|[<>]/g)) {
    if (!m[2]) return false;
    if (!['match', 'dim', 'url'].includes(m[2])) return false;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]);
  }
  return stack.length === 0;
}

describe('xmlEscape', () => {
  it('escapes the five XML specials and nothing else', () => {
    expect(xmlEscape(`ATT&CK <T1059> "x" 'y' é`)).toBe('ATT&amp;CK &lt;T1059&gt; &quot;x&quot; &apos;y&apos; é');
  });
});

describe('matchRanges', () => {
  it('prefers the start of a word and merges touching ranges', () => {
    expect(matchRanges('Prompt Injection', 'inj')).toEqual([[7, 10]]);
    expect(matchRanges('xinj Injection', 'inj')).toEqual([[5, 8]]);
    expect(matchRanges('LLM01 - Prompt Injection (OWASP LLM Top 10, 2025)', 'LLM01:2025')).toEqual([
      [0, 5],
      [44, 48],
    ]);
  });
  it('ignores one-letter words of a longer query and finds nothing for absent words', () => {
    expect(matchRanges('Model Inversion Attack', 'a model')).toEqual([[0, 5]]);
    expect(matchRanges('Model Inversion Attack', 'zzz')).toEqual([]);
  });
});

describe('omnibox description', () => {
  it('dims the list, highlights the match and escapes the rest', () => {
    const xml = describeSuggestion(
      [{ text: 'T1059 - Command & Scripting' }, { text: ' (MITRE ATT&CK)', dim: true }],
      'command',
    );
    expect(xml).toBe('T1059 - <match>Command</match> &amp; Scripting<dim> (MITRE ATT&amp;CK)</dim>');
    expect(wellFormed(xml)).toBe(true);
  });
  it('nests a match inside a dimmed part', () => {
    const xml = describeSuggestion([{ text: 'ML03' }, { text: ' (OWASP ML Top 10)', dim: true }], 'owasp');
    expect(xml).toBe('ML03<dim> (</dim><dim><match>OWASP</match></dim><dim> ML Top 10)</dim>');
    expect(wellFormed(xml)).toBe(true);
  });
  it('is plain text without markup (Firefox)', () => {
    expect(describeSuggestion([{ text: 'A & B' }, { text: ' (x)', dim: true }], 'a', false)).toBe('A & B (x)');
  });
});

describe('omniboxSuggestions', () => {
  it('puts the exact ID first as "ID - title (list, edition)"', () => {
    const [first, ...rest] = omniboxSuggestions('ML03', registry, search);
    expect(first).toEqual({
      content: 'secid:weakness/owasp/ml-top10#ML03',
      description: '<match>ML03</match> - Model Inversion Attack<dim> (OWASP ML Top 10, 2023)</dim>',
    });
    expect(rest.length).toBeLessThanOrEqual(5);
  });
  it('lists every edition of an edition-dependent ID', () => {
    const contents = omniboxSuggestions('LLM04', registry, search).map((s) => s.content);
    expect(contents.slice(0, 2)).toEqual([
      'secid:weakness/owasp/llm-top10@2.0#LLM04',
      'secid:weakness/owasp/llm-top10@1.0#LLM04',
    ]);
  });
  it('gives at most 6 well-formed, escaped suggestions for any text', () => {
    for (const q of [
      'attack',
      'ATT&CK',
      'injection',
      '<script>',
      'a"b',
      'CVE-2024-3094',
      'secid:weakness/owasp.org/ml-top10@2023#ML01',
      'poison',
    ]) {
      const suggestions = omniboxSuggestions(q, registry, search);
      expect(suggestions.length).toBeLessThanOrEqual(6);
      for (const s of suggestions) {
        expect(wellFormed(s.description), `${q}: ${s.description}`).toBe(true);
        expect(s.content.length).toBeGreaterThan(0);
      }
    }
    const attack = omniboxSuggestions('attack', registry, search)
      .map((s) => s.description)
      .join(' ');
    expect(attack).toContain('ATT&amp;CK');
  });
  it('answers nothing for blank text, and plain text when asked', () => {
    expect(omniboxSuggestions('   ', registry, search)).toEqual([]);
    const plain = omniboxSuggestions('attack', registry, search, { markup: false });
    expect(plain.some((s) => s.description.includes('ATT&CK'))).toBe(true);
    expect(plain.every((s) => !/<\/?(match|dim)>/.test(s.description))).toBe(true);
  });
});

describe('omniboxTarget', () => {
  it('opens the source page of an exact ID', () => {
    expect(omniboxTarget('ML03', registry, secidPage)).toBe(
      'https://mltop10.info/ML03_2023-Model_Inversion_Attack.html',
    );
    expect(omniboxTarget('secid:weakness/owasp/ml-top10#ML03', registry, secidPage)).toBe(
      'https://mltop10.info/ML03_2023-Model_Inversion_Attack.html',
    );
    expect(omniboxTarget('LLM04:2025', registry, secidPage)).toMatch(/^https:\/\/genai\.owasp\.org\//);
  });
  it('sends a CVE to its issuer even though several databases list it', () => {
    expect(omniboxTarget('CVE-2024-3094', registry, secidPage)).toBe('https://www.cve.org/CVERecord?id=CVE-2024-3094');
  });
  it('sends ambiguous and unknown text to the SecID page', () => {
    expect(omniboxTarget('LLM04', registry, secidPage)).toBe('ext:resolve?q=LLM04');
    expect(omniboxTarget('prompt injection', registry, secidPage)).toBe('ext:resolve?q=prompt%20injection');
    expect(omniboxTarget('ML11', registry, secidPage)).toBe('ext:resolve?q=ML11');
    expect(omniboxTarget('', registry, secidPage)).toBe('ext:resolve?q=');
  });
  it('follows an edition written in the SecID', () => {
    expect(omniboxTarget('secid:weakness/owasp/llm-top10@1.0#LLM04', registry, secidPage)).toMatch(
      /Archive\/1_0_vulns/,
    );
  });
});

describe('omniboxEnterUrl', () => {
  it('opens our SecID page by default, even for an exact ID', () => {
    expect(omniboxEnterUrl({ text: ' ML03 ', registry, secidPage, goTo: 'resolve' })).toBe('ext:resolve?q=ML03');
  });
  it('goes to the source when the setting says so', () => {
    expect(omniboxEnterUrl({ text: 'ML03', registry, secidPage, goTo: 'source' })).toBe(
      'https://mltop10.info/ML03_2023-Model_Inversion_Attack.html',
    );
    expect(omniboxEnterUrl({ text: 'LLM04', registry, secidPage, goTo: 'source' })).toBe('ext:resolve?q=LLM04');
  });
});
