import { createReadStream, statSync } from 'node:fs';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import type { ScanHit } from '../core/scan.ts';
import { ScanStream } from '../core/scan-stream.ts';
import { formatScanHit } from './format.ts';
import { HtmlTextReader } from './html-text.ts';
import { CliError, loadDetector, loadRegistry } from './load.ts';

export interface ScanCommand {
  /** A path, or `-` for standard input. */
  file: string;
  json: boolean;
  strict: boolean;
  /** A copy of the official SecID 1.0 registry to use over the bundled import (--registry). */
  v1Folder?: string;
}

/** Bytes read at a time: the input is never held whole, whatever its size. */
const READ_CHUNK = 64 * 1024;
/** Output is written in batches of about this many characters (one write per hit would be slow on dense input). */
const WRITE_BATCH = 64 * 1024;

/**
 * `secid scan`: reads the input as a stream and prints each ID as soon as it is final, so memory stays bounded (the
 * registry plus a few windows) for inputs of any size, and a consumer sees results before the end. `--json` prints
 * JSON Lines: one object per ID. Exit 1 with --strict when an ID does not resolve.
 */
export async function scanCommand({ file, json, strict, v1Folder }: ScanCommand): Promise<number> {
  const input = openInput(file);
  const { compiled, registry } = loadRegistry(v1Folder !== undefined ? { v1Folder } : {});
  let found = 0;
  let unresolved = 0;
  let pending = '';
  const onHit = (hit: ScanHit): void => {
    found++;
    if (hit.resolution.status !== 'found' && hit.resolution.status !== 'corrected') unresolved++;
    pending += `${json ? jsonLine(file, hit) : formatScanHit(file, hit)}\n`;
    if (pending.length >= WRITE_BATCH) flush();
  };
  let drained: Promise<unknown> | undefined;
  // The reader went away (`secid scan big.txt | head`): stop reading, quietly, like any Unix filter.
  let closed = false;
  let signalClosed = (): void => {};
  const outputClosed = new Promise<void>((done) => (signalClosed = done));
  const onOutputError = (error: NodeJS.ErrnoException): void => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
    signalClosed();
  };
  process.stdout.on('error', onOutputError);
  const flush = (): void => {
    if (!pending || closed) return;
    try {
      if (!process.stdout.write(pending)) drained ??= once(process.stdout, 'drain');
    } catch (error) {
      onOutputError(error as NodeJS.ErrnoException);
    }
    pending = '';
  };
  const scanner = new ScanStream({ detector: loadDetector(compiled), registry, onHit });
  let html: HtmlTextReader | undefined;
  let decided = false;
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      if (!decided) {
        decided = true;
        // A file is HTML by its name; standard input by how it starts.
        if (/\.html?$/i.test(file) || (file === '-' && /^\s*<(?:!doctype|html)/i.test(chunk)))
          html = new HtmlTextReader(scanner);
      }
      if (html) html.write(chunk);
      else scanner.push(chunk);
      flush();
      // Slow consumer: wait, rather than queue output in memory.
      if (drained && !closed) {
        await Promise.race([drained, outputClosed]);
        drained = undefined;
      }
      if (closed) break;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') closed = true;
    else if (code !== undefined) throw new CliError(`cannot read ${file}: ${code}`);
    else throw error;
  }
  if (closed) return 0;
  if (html) html.finish();
  else scanner.end();
  if (found === 0 && !json) pending += `${file}: no IDs found\n`;
  flush();
  return strict && unresolved > 0 ? 1 : 0;
}

function openInput(file: string): Readable {
  if (file === '-') {
    process.stdin.setEncoding('utf8');
    return process.stdin;
  }
  try {
    if (statSync(file).isDirectory()) throw new CliError(`${file} is a directory`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${code ?? (error as Error).message}`,
    );
  }
  return createReadStream(file, { encoding: 'utf8', highWaterMark: READ_CHUNK });
}

/** Each resolution's JSON, made once: a repeated ID (the scanner shares its resolution object) costs no new string. */
const resolutionJson = new WeakMap<object, string>();

function jsonLine(
  file: string,
  { text, kind, family, edition, confidence, line, column, start, end, resolution }: ScanHit,
): string {
  let answer = resolutionJson.get(resolution);
  if (answer === undefined) resolutionJson.set(resolution, (answer = JSON.stringify(resolution)));
  const head = JSON.stringify({ file, text, kind, family, edition, confidence, line, column, start, end });
  return `${head.slice(0, -1)},"resolution":${answer}}`;
}
