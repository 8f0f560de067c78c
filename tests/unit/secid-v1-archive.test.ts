// What the options page does with a .zip or folder of the official registry, in Node: read, compile, report.
import { describe, expect, it } from 'vitest';
import { compileV1Files, namespaceFilePath } from '../../src/core/v1/compile-files.ts';
import { readZip } from '../../src/shared/zip-read.ts';
import { createZip } from '../../scripts/zip.ts';
import { fixtureArchive } from '../support/secid-archive.ts';

const buffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

describe('importing a copy of the official registry', () => {
  it('finds namespace files in an archive or folder layout, not summaries or _deferred', () => {
    expect(namespaceFilePath('SecID-main/registry/advisory/org/mitre.json')).toEqual({
      type: 'advisory',
      rest: 'org/mitre.json',
    });
    expect(namespaceFilePath('registry/weakness/org/owasp.json')).toEqual({ type: 'weakness', rest: 'org/owasp.json' });
    expect(namespaceFilePath('weakness/org/owasp.json')).toEqual({ type: 'weakness', rest: 'org/owasp.json' });
    expect(namespaceFilePath('SecID-main/registry/advisory.json')).toBeUndefined();
    expect(namespaceFilePath('SecID-main/registry/_deferred/cti/actor.json')).toBeUndefined();
    expect(namespaceFilePath('SecID-main/registry/advisory/org/mitre.md')).toBeUndefined();
  });
  it('reads a .zip and compiles it with the core', async () => {
    const files = await readZip(buffer(fixtureArchive()));
    const decoder = new TextDecoder();
    const compiled = compileV1Files(files.map((f) => ({ path: f.path, text: decoder.decode(f.bytes) })));
    expect(compiled.problems).toEqual([]);
    expect(compiled.files).toBe(5);
    expect(compiled.shards.map((s) => [s.type, s.namespaces.length])).toEqual([
      ['advisory', 3],
      ['methodology', 1],
      ['weakness', 1],
    ]);
  });
  it('gives file: reason for bad files and fails clearly on a bad archive', async () => {
    const bad = compileV1Files([
      { path: 'r/registry/advisory/org/a.json', text: '{' },
      {
        path: 'r/registry/advisory/org/b.json',
        text: JSON.stringify({ schema_version: '1.0', namespace: 'b.org', type: 'control', match_nodes: [] }),
      },
    ]);
    expect(bad.problems.map((p) => p.file)).toEqual([
      'r/registry/advisory/org/a.json',
      'r/registry/advisory/org/b.json',
    ]);
    expect(bad.problems[1]!.reason).toMatch(/type "control" but the file is under advisory\//);
    expect(compileV1Files([{ path: 'README.md', text: 'x' }]).problems).toEqual([
      { file: '(archive)', reason: expect.stringMatching(/no SecID registry files/) },
    ]);
    await expect(readZip(new TextEncoder().encode('not a zip at all').buffer as ArrayBuffer)).rejects.toThrow(
      /not a \.zip archive/,
    );
    const truncated = fixtureArchive().subarray(0, 200);
    await expect(readZip(buffer(Buffer.from(truncated)))).rejects.toThrow();
    const stored = createZip([{ path: 'x/registry/ttp/org/t.json', data: Buffer.from('{}') }]);
    expect((await readZip(buffer(stored))).map((f) => f.path)).toEqual(['x/registry/ttp/org/t.json']);
  });
});
