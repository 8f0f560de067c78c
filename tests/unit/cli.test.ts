import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function secid(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    input: '',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('secid CLI', () => {
  it('resolve --json prints exactly the resolver answer', () => {
    const { code, out } = secid('resolve', 'ML03', '--json');
    expect(code).toBe(0);
    const answer = JSON.parse(out);
    expect(answer).toMatchObject({ query: 'ML03', secid_query: 'ML03', status: 'found' });
    expect(answer.results[0]).toMatchObject({
      secid: 'secid:weakness/owasp/ml-top10#ML03',
      title: 'Model Inversion Attack',
    });
  });
  it('resolve prints a readable card and exits 1 for unknown IDs', () => {
    const ok = secid('resolve', 'LLM02');
    expect(ok.out).toContain('Sensitive Information Disclosure');
    expect(ok.out).toContain('Insecure Output Handling');
    const missing = secid('resolve', 'NOPE-1');
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('not_found');
  });
  it('search finds by words and honours --limit', () => {
    const { code, out } = secid('search', 'model inversion', '--json', '--limit', '3');
    expect(code).toBe(0);
    const { results } = JSON.parse(out);
    expect(results.length).toBeLessThanOrEqual(3);
    expect(results[0].code).toBe('ML03');
    // Issue 15: gibberish finds nothing, and the CLI says what was searched and what to try.
    const none = secid('search', 'zzqxv nothing');
    expect(none.code).toBe(1);
    expect(none.out).toContain('Nothing in the registry matches "zzqxv nothing". Try');
  });
  it('scan lists IDs with line and column in Markdown', () => {
    const { code, out } = secid('scan', 'tests/fixtures/cli/notes.md');
    expect(code).toBe(0);
    expect(out).toContain('notes.md:3:29  LLM01:2025  found');
    expect(out).toContain('notes.md:3:44  secid:weakness/owasp/ml-top10#ML03  found');
    expect(out).toContain('notes.md:4:7  CVE-2024-3094  found');
    expect(out).not.toContain('HTML01');
    expect(secid('scan', 'tests/fixtures/cli/notes.md', '--strict').code).toBe(1);
  });
  it('scan reads HTML with a parser: body text only, positions in the source', () => {
    const { out } = secid('scan', 'tests/fixtures/cli/page.html', '--json');
    // JSON Lines: one object per ID (was one document with a results array before streaming).
    const hits = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string; line: number; column: number })
      .map((h) => `${h.text}@${h.line}:${h.column}`);
    expect(hits).toEqual(['ML01@6:17', 'CWE-79@7:38']);
  });
  it('scan reads standard input', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'scan', '-', '--json'], {
      encoding: 'utf8',
      input: 'see CWE-79',
    });
    expect(JSON.parse(r.stdout.split('\n')[0]!).text).toBe('CWE-79');
  });
  it('bad input: a clear message, a non-zero exit, no stack trace', () => {
    for (const args of [
      ['frobnicate'],
      ['scan', 'no/such/file.txt'],
      ['search', 'x', '--limit', 'many'],
      ['resolve'],
      ['resolve', 'x', '--bogus'],
      ['resolve', ''],
    ]) {
      const r = secid(...args);
      expect(r.code, args.join(' ')).toBeGreaterThan(0);
      expect(r.err).toMatch(/^secid: /);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
  it('validate passes on the bundled registry', () => {
    const r = secid('validate');
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/registry ok: \d+ files, \d+ sources/);
  }, 60_000);
  it('resolve shows ATT&CK names with their tactic, and a known exploited CVE', () => {
    const technique = secid('resolve', 'T1059.003');
    expect(technique.code).toBe(0);
    expect(technique.out).toContain('T1059.003  Command and Scripting Interpreter: Windows Command Shell');
    expect(technique.out).toContain('Tactic: Execution (TA0002)');
    const capec = secid('resolve', 'CAPEC-66', '--json');
    expect(JSON.parse(capec.out).results[0]).toMatchObject({ title: 'SQL Injection' });
    const kev = secid('resolve', 'CVE-2021-44228');
    expect(kev.out).toContain('CVE-2021-44228  Apache Log4j2 Remote Code Execution Vulnerability  [known exploited]');
    expect(kev.out).toContain('Known exploited: in CISA KEV since 2021-12-10');
  });
  it('search knows the names people use', () => {
    expect(JSON.parse(secid('search', 'log4shell', '--json').out).results[0].code).toBe('CVE-2021-44228');
    expect(JSON.parse(secid('search', 'xss', '--json').out).results[0].code).toBe('CWE-79');
  });
});
