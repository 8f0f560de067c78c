// The reproducible zip writer behind `npm run package`, read back with an independent reader (and unzip when present).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createZip, fixedDate, type ZipEntry } from '../../scripts/zip.ts';

interface ReadEntry {
  path: string;
  data: Buffer;
  method: number;
  mode: number;
  dosDate: number;
}

/** Reads a zip through its central directory, checking each local header and CRC on the way. */
function readZip(zip: Buffer): ReadEntry[] {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out: ReadEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const mode = zip.readUInt32LE(at + 38) >>> 16;
    const local = zip.readUInt32LE(at + 42);
    const path = zip.toString('utf8', at + 46, at + 46 + nameLength);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const localName = zip.readUInt16LE(local + 26);
    const body = zip.subarray(
      local + 30 + localName + zip.readUInt16LE(local + 28),
      local + 30 + localName + zip.readUInt16LE(local + 28) + size,
    );
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect(crc32(data) >>> 0).toBe(crc);
    out.push({ path, data, method, mode, dosDate: zip.readUInt16LE(at + 14) });
    at += 46 + nameLength + extra;
  }
  return out;
}

const entries: ZipEntry[] = [
  { path: 'src/popup/popup.html', data: Buffer.from('<!doctype html>'.repeat(50)) },
  { path: 'manifest.json', data: Buffer.from('{"manifest_version":3}') },
  { path: 'icons/noise.bin', data: randomBytes(4096) },
  { path: '.ci/run', data: Buffer.from('#!/usr/bin/env bash\n'), mode: 0o755 },
  { path: 'docs/ünïcode.md', data: Buffer.from('') },
];

describe('reproducible zip', () => {
  const saved = process.env.SOURCE_DATE_EPOCH;
  afterEach(() => {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
  });

  it('gives the same bytes for the same files in any order, sorted by path', () => {
    const a = createZip(entries);
    const b = createZip([...entries].reverse());
    expect(a.equals(b)).toBe(true);
    expect(readZip(a).map((e) => e.path)).toEqual([
      '.ci/run',
      'docs/ünïcode.md',
      'icons/noise.bin',
      'manifest.json',
      'src/popup/popup.html',
    ]);
  });

  it('round-trips every file; deflates what shrinks and stores what does not; keeps modes', () => {
    const read = new Map(readZip(createZip(entries)).map((e) => [e.path, e]));
    for (const e of entries) expect(read.get(e.path)!.data.equals(e.data)).toBe(true);
    expect(read.get('src/popup/popup.html')!.method).toBe(8);
    expect(read.get('icons/noise.bin')!.method).toBe(0);
    expect(read.get('.ci/run')!.mode).toBe(0o100755);
    expect(read.get('manifest.json')!.mode).toBe(0o100644);
  });

  it('stamps one fixed date: 1980-01-01, or SOURCE_DATE_EPOCH', () => {
    delete process.env.SOURCE_DATE_EPOCH;
    expect(fixedDate().toISOString()).toBe('1980-01-01T00:00:00.000Z');
    expect(readZip(createZip(entries)).every((e) => e.dosDate === ((0 << 9) | (1 << 5) | 1))).toBe(true);
    process.env.SOURCE_DATE_EPOCH = String(Date.UTC(2026, 2, 4) / 1000);
    expect(readZip(createZip(entries))[0]!.dosDate).toBe((46 << 9) | (3 << 5) | 4);
  });

  it('refuses paths that would escape the folder it is unpacked into, and duplicates', () => {
    for (const path of ['../evil', '/etc/passwd', 'a/../../b', 'a\\b', ''])
      expect(() => createZip([{ path, data: Buffer.alloc(1) }])).toThrow(/bad entry path/);
    expect(() => createZip([entries[0]!, entries[0]!])).toThrow(/duplicate/);
  });

  it.skipIf(!existsSync('/usr/bin/unzip'))('passes unzip -t (Info-ZIP)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secid-zip-'));
    try {
      writeFileSync(join(dir, 'a.zip'), createZip(entries));
      expect(execFileSync('unzip', ['-t', join(dir, 'a.zip')], { encoding: 'utf8' })).toContain('No errors detected');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
