import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/load.ts';
import { describeFailure, EXIT_INTERNAL } from '../../src/cli/main.ts';

/** The bound the issue sets for `secid scan`, whatever the input's size. */
const MAX_RSS_MB = 300;
const dir = mkdtempSync(join(tmpdir(), 'secid-cli-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  lines: number;
  first: string;
  last: string;
  maxRssMb: number;
  stderr: string;
}

/** Runs the CLI as a child process, counting its output lines as they come (never holding the output). */
async function secid(args: string[], feed?: (stdin: NodeJS.WritableStream) => void): Promise<Run> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', './tests/support/report-max-rss.ts', 'src/cli/main.ts', ...args],
    {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: [feed ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    },
  );
  if (feed) feed(child.stdin!);
  let lines = 0;
  let first = '';
  let tail = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) lines++;
    if (!first) first = chunk.slice(0, chunk.indexOf('\n'));
    tail = (tail + chunk).slice(-8192);
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  const rss = /secid-test-max-rss-kb=(\d+)/.exec(stderr);
  const lastLines = tail.trimEnd().split('\n');
  return {
    code,
    lines,
    first,
    last: lastLines[lastLines.length - 1]!,
    maxRssMb: rss ? Number(rss[1]) / 1024 : Infinity,
    stderr,
  };
}

/** Writes about `mb` megabytes of report-like text to `path` as a stream; returns how many IDs it holds. */
async function writeReport(path: string, mb: number): Promise<number> {
  const out = createWriteStream(path);
  const filler = 'The scanner reported these findings for the host, with remediation advice and references. '.repeat(
    40,
  );
  let written = 0;
  let ids = 0;
  for (let i = 0; written < mb * 1024 * 1024; i++) {
    const line = `${filler}CVE-2024-${1000 + (i % 50_000)} and CWE-${i % 900}\n`;
    written += line.length;
    ids += 2;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return ids;
}

describe('secid scan streams', () => {
  it(`scans a 200 MB file under ${MAX_RSS_MB} MB of memory and lists every ID`, async () => {
    const file = join(dir, 'report.txt');
    const ids = await writeReport(file, 200);
    const r = await secid(['scan', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.lines).toBe(ids);
    expect(r.first).toMatch(/report\.txt:1:\d+ {2}CVE-2024-1000 {2}found/);
    expect(r.maxRssMb).toBeLessThan(MAX_RSS_MB);
  }, 300_000);

  it(`scans 200 MB from standard input with --json as JSON Lines under ${MAX_RSS_MB} MB`, async () => {
    const file = join(dir, 'stdin.txt');
    const ids = await writeReport(file, 200);
    const r = await secid(['scan', '-', '--json'], (stdin) => createReadStream(file).pipe(stdin));
    expect(r.code, r.stderr).toBe(0);
    expect(r.lines).toBe(ids);
    expect(JSON.parse(r.first)).toMatchObject({
      file: '-',
      text: 'CVE-2024-1000',
      line: 1,
      resolution: { status: 'found' },
    });
    expect(JSON.parse(r.last).text).toMatch(/^CWE-\d+$/);
    expect(r.maxRssMb).toBeLessThan(MAX_RSS_MB);
  }, 300_000);

  it('prints an ID before its input has ended', async () => {
    let sawOutput: () => void = () => {};
    const printed = new Promise<void>((done) => (sawOutput = done));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'scan', '-', '--json'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    child.stdout.setEncoding('utf8');
    let out = '';
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) sawOutput();
    });
    // Enough text after the ID that it is final, then the pipe stays open until the ID is printed.
    child.stdin.write(`CWE-79 ${'word '.repeat(20_000)}`);
    await printed;
    child.stdin.end('CVE-2024-3094\n');
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(0);
    expect(
      out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).text),
    ).toEqual(['CWE-79', 'CVE-2024-3094']);
  }, 60_000);

  it('stops quietly (exit 0, nothing on stderr) when its reader goes away, like `| head`', async () => {
    const file = join(dir, 'many.txt');
    await writeReport(file, 20);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'scan', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (stderr += c));
    await once(child.stdout, 'data');
    child.stdout.destroy();
    const [code] = (await once(child, 'close')) as [number];
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);

  it(`reads 200,000 nested <div> and 100,000 unclosed <b><i> without recursion, under ${MAX_RSS_MB} MB`, async () => {
    const deep = join(dir, 'deep.html');
    const out = createWriteStream(deep);
    out.write(`<!doctype html><body>${'<div>'.repeat(200_000)}CVE-2024-3094${'</div>'.repeat(200_000)}`);
    out.end(`<p>${'<b><i>'.repeat(100_000)}CWE-79 <script>CWE-89</script></p>`);
    await once(out, 'finish');
    const r = await secid(['scan', deep, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/call stack/);
    expect(r.lines).toBe(2);
    expect(JSON.parse(r.first)).toMatchObject({ text: 'CVE-2024-3094', line: 1, column: 1_000_022 });
    expect(JSON.parse(r.last).text).toBe('CWE-79');
    expect(r.maxRssMb).toBeLessThan(MAX_RSS_MB);
  }, 120_000);
});

describe('secid scan on over-long tokens', () => {
  it(`reads HTML with a 100 MB comment and a 100 MB attribute value under ${MAX_RSS_MB} MB`, async () => {
    const file = join(dir, 'long-tokens.html');
    const out = createWriteStream(file);
    const filler = 'CVE-2024-3094 -- lorem ipsum &amp; dolor\n'.repeat(25_000);
    out.write('<!doctype html><body><p>CWE-79</p><!-- ');
    for (let i = 0; i < 100; i++) if (!out.write(filler)) await once(out, 'drain');
    out.write(' --><p title="');
    for (let i = 0; i < 100; i++) if (!out.write(filler)) await once(out, 'drain');
    out.end('">ML01</p>');
    await once(out, 'finish');
    const r = await secid(['scan', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.lines).toBe(2);
    expect(JSON.parse(r.first).text).toBe('CWE-79');
    expect(JSON.parse(r.last)).toMatchObject({ text: 'ML01', line: 5_000_001 });
    expect(r.maxRssMb).toBeLessThan(MAX_RSS_MB);
  }, 120_000);
});

describe('secid exit codes', () => {
  it('tells an internal failure (3) from bad input (2)', () => {
    expect(describeFailure(new CliError('no such file: x'))).toEqual({
      message: 'secid: no such file: x',
      exitCode: 2,
    });
    const internal = describeFailure(new RangeError('Maximum call stack size exceeded'));
    expect(internal.exitCode).toBe(EXIT_INTERNAL);
    expect(EXIT_INTERNAL).toBe(3);
    expect(internal.message).toMatch(/^secid: internal failure/);
  });
});
