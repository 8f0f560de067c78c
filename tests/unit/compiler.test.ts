import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileRegistry, firstParagraph, looksLikeCatchAll, withoutCaptures } from '../../src/compiler/compile.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function registryOf(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'secid-registry-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const ENTITY = `---
type: entity
namespace: acme
full_name: "Acme"
namespace_aliases: ["acme.example"]
---

Acme makes things.
`;

const source = (front: string, body = 'A list of things, described in our words.') =>
  `---\ntype: weakness\nnamespace: acme\nname: things\nfull_name: "Acme Things"\noperator: "secid:entity/acme"\n${front}\n---\n\n${body}\n`;

describe('registry compiler', () => {
  it('compiles a good file: patterns, editions, items, aliases, detector family', () => {
    const dir = registryOf({
      'entity/acme.md': ENTITY,
      'weakness/acme/things.md': source(`id_pattern: "TH\\\\d{2}"
urls:
  lookup: "https://acme.example/things/{id}"
detect:
  - family: acme-things
    label: "Acme things"
versions:
  - version: "2.0"
    label: "2025"
    release_date: 2025-01-01
    status: current
    items:
      - id: TH01
        title: "First thing"
items: []
examples:
  - "secid:weakness/acme/things@2.0#TH01"
  - "secid:weakness/acme.example/things@2025#TH01"`),
    });
    const { registry, problems } = compileRegistry(dir);
    expect(problems).toEqual([]);
    const s = registry.sources[0]!;
    expect(s).toMatchObject({
      key: 'weakness/acme/things',
      lookup: 'https://acme.example/things/{id}',
      patterns: [{ re: 'TH\\d{2}', bare: true }],
    });
    expect(s.versions[0]).toMatchObject({ v: '2.0', label: '2025', date: '2025-01-01', status: 'current' });
    expect(registry.detector.families[0]).toMatchObject({
      id: 'acme-things',
      pattern: 'TH\\d{2}',
      sourceKey: 'weakness/acme/things',
      editions: ['2025', '2.0'],
    });
    expect(registry.entities[0]!.aliases).toEqual(['acme.example']);
  });

  it('compiles year_starts and official_url_wrong, and wants a num group for the year', () => {
    const good = registryOf({
      'entity/acme.md': ENTITY,
      'weakness/acme/things.md': source(
        `official_url_wrong: "their pages moved"\nid_patterns:\n  - pattern: "TH-(?<num>\\\\d+)"\n    url: "https://acme.example/{year}/{num}"\n    year_starts: { "2024": 1, "2025": 50 }\nexamples: ["secid:weakness/acme/things#TH-7"]`,
      ),
    });
    const { registry, problems } = compileRegistry(good, { skipRedos: true });
    expect(problems).toEqual([]);
    expect(registry.sources[0]).toMatchObject({
      officialUrlWrong: 'their pages moved',
      patterns: [
        {
          years: [
            [1, '2024'],
            [50, '2025'],
          ],
        },
      ],
    });
    const bad = registryOf({
      'entity/acme.md': ENTITY,
      'weakness/acme/things.md': source(
        `id_patterns:\n  - pattern: "TH-\\\\d+"\n    url: "https://acme.example/{year}/x"\n    year_starts: { "2024": 1 }\nexamples: []`,
      ),
    });
    expect(compileRegistry(bad, { skipRedos: true }).problems.map((p) => `${p.field}|${p.reason}`)).toContain(
      'id_patterns.0.year_starts|needs a (?<num>...) group in the pattern',
    );
  });

  it('fails a broken file with file, field and reason', () => {
    const dir = registryOf({
      'entity/acme.md': ENTITY,
      'weakness/acme/things.md': source(
        `id_pattern: "TH\\\\d{2}"\nweight: 500\nurls:\n  website: "javascript:alert(1)"\nexamples: []`,
      ),
      'weakness/acme/bad-yaml.md': '---\ntype: weakness\n  namespace: [\n---\n',
      'weakness/acme/typo.md': source('id_pattern: "X\\\\d"\nexampels: []').replace('name: things', 'name: typo'),
    });
    const { problems } = compileRegistry(dir, { skipRedos: true });
    const text = problems.map((p) => `${p.file}|${p.field}|${p.reason}`);
    expect(text.some((t) => /things\.md\|weight\|/.test(t))).toBe(true);
    expect(text.some((t) => /things\.md\|urls\.website\|.*http/.test(t))).toBe(true);
    expect(text.some((t) => /bad-yaml\.md\|\(front matter\)\|YAML does not parse/.test(t))).toBe(true);
    expect(text.some((t) => /typo\.md\|.*exampels/.test(t))).toBe(true);
  });

  it('requires examples that resolve, items that match the pattern, known operators and resolvable relations', () => {
    const dir = registryOf({
      'weakness/acme/things.md': source(`id_pattern: "TH\\\\d{2}"
closed: true
items:
  - id: TH01
    related: ["secid:weakness/nobody/nothing#X"]
  - id: NOPE
examples: ["secid:weakness/acme/things#TH99"]`),
    });
    const reasons = compileRegistry(dir, { skipRedos: true }).problems.map((p) => `${p.field}: ${p.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^operator: .*has no registry\/entity\/acme\.md/),
        expect.stringMatching(/^examples\.0: .*does not resolve \(related/),
        expect.stringMatching(/^items: item NOPE does not match/),
        expect.stringMatching(/related: secid:weakness\/nobody\/nothing#X does not resolve/),
      ]),
    );
  });

  it('rejects a pattern that backtracks catastrophically (recheck)', () => {
    const dir = registryOf({
      'entity/acme.md': ENTITY,
      'weakness/acme/things.md': source('id_pattern: "(a+)+b"\nexamples: []'),
    });
    const problems = compileRegistry(dir).problems;
    expect(problems.some((p) => p.field === 'id_pattern' && /backtrack/.test(p.reason))).toBe(true);
  }, 60_000);

  it('rejects a detect family that pages could never find: digit-free IDs without a fixed start', () => {
    const family = (pattern: string) =>
      registryOf({
        'entity/acme.md': ENTITY,
        'weakness/acme/things.md': source(
          `id_pattern: "${pattern}"\ndetect:\n  - family: acme-things\n    label: "Acme things"\nexamples: []`,
        ),
      });
    const loose = compileRegistry(family('[A-Z]{2}-[A-Z]{4}'));
    expect(loose.problems).toContainEqual({
      file: expect.stringMatching(/weakness\/acme\/things\.md$/),
      field: 'detect.0.pattern',
      reason: expect.stringMatching(/can match text without a digit.*never be found on a page/),
    });
    expect(loose.registry.detector.families).toEqual([]);
    // A fixed start is the cue pages look for instead of a digit.
    const cued = compileRegistry(family('THING-[A-Z]{4}'));
    expect(cued.problems.filter((p) => p.field.startsWith('detect'))).toEqual([]);
    expect(cued.registry.detector.families[0]).toMatchObject({ id: 'acme-things', cue: 'THING-' });
  });

  it('rejects a file whose path disagrees with its front matter', () => {
    const dir = registryOf({
      'entity/acme.md': ENTITY,
      'weakness/acme/wrong-name.md': source('id_pattern: "TH\\\\d{2}"\nexamples: ["secid:weakness/acme/things#TH01"]'),
    });
    expect(compileRegistry(dir, { skipRedos: true }).problems.map((p) => p.reason)).toContain(
      'file should be registry/weakness/acme/things.md',
    );
  });
});

describe('compiler helpers', () => {
  it('removes capturing groups so a pattern can join the combined detector pattern', () => {
    expect(withoutCaptures('(?<parent>T\\d{4})\\.(\\d{3})[(]')).toBe('(?:T\\d{4})\\.(?:\\d{3})[(]');
  });
  it('tells catch-all patterns from prefixed ones', () => {
    expect(looksLikeCatchAll('\\d+')).toBe(true);
    expect(looksLikeCatchAll('[A-Z]+-\\d+')).toBe(true);
    expect(looksLikeCatchAll('CVE-\\d{4}-\\d{4,}')).toBe(false);
    expect(looksLikeCatchAll('(?<parent>T\\d{4})\\.(?<sub>\\d{3})')).toBe(false);
  });
  it('takes the first prose paragraph as the description', () => {
    expect(firstParagraph('# Title\n\nSome **bold** [link](https://x) text\nwraps.\n\n## More')).toBe(
      'Some bold link text wraps.',
    );
  });
});
