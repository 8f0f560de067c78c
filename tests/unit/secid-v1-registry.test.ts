// The committed import of the official SecID 1.0 registry (registry/secid-1.0), resolved by the one resolver.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolve } from '../../src/core/resolve.ts';
import { readV1Info } from '../../src/compiler/v1-data.ts';
import { validateV1 } from '../../src/compiler/v1-validate.ts';
import { realCompiled, realRegistry } from '../support/registry.ts';

const registry = realRegistry();
const r = (q: string) => resolve(registry, q);

describe('the imported SecID 1.0 registry', () => {
  it('records the upstream commit and covers every type', () => {
    const info = readV1Info('registry')!;
    expect(info.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(Object.keys(info.namespaces).sort()).toEqual([
      'advisory',
      'capability',
      'control',
      'disclosure',
      'entity',
      'methodology',
      'reference',
      'regulation',
      'ttp',
      'weakness',
    ]);
    expect(Object.values(info.namespaces).reduce((a, b) => a + b, 0)).toBeGreaterThan(2000);
  });
  it('resolves every imported example found, with the URL the registry gives (or a recorded exception)', () => {
    const v = validateV1('registry', realCompiled());
    expect(v.problems).toEqual([]);
    expect(v.checked).toBeGreaterThan(1000);
    // Only upstream faults are recorded (a wrong URL our file names, an example its own registry cannot resolve):
    // where ours merely answers differently, the registry's URL is among the results.
    for (const e of readV1Info('registry')!.exceptions) expect(e.reason).toMatch(/^upstream: /);
    expect(v.exceptions.length).toBeLessThanOrEqual(5);
    expect(v.urlAmongResults).toBe(v.withUrl - v.exceptions.filter((e) => e.url !== undefined).length);
  });
  it('finds the Cloud Controls Matrix and CVSS strings of the issue, with URLs', () => {
    const ccm = r('secid:control/cloudsecurityalliance.org/ccm@4.0#IAM-12');
    expect(ccm.status).toBe('found');
    expect(ccm.results[0]).toMatchObject({
      id: 'IAM-12',
      version: '4.0',
      url: 'https://cloudsecurityalliance.org/research/cloud-controls-matrix',
    });
    const cvss = r('secid:methodology/first.org/cvss@4.0');
    expect(cvss.status).toBe('found');
    expect(cvss.results[0]!.url).toBe('https://www.first.org/cvss/v4.0/');
  });
  it('knows the SecID 1.0 types our hand-written registry has no source for', () => {
    const inspector = r('secid:capability/amazon.com/aws/inspector');
    expect(inspector.status).toBe('found');
    expect(inspector.results.length).toBeGreaterThan(0);
    expect(inspector.results[0]!.secid).toMatch(/^secid:capability\/amazon\.com\/aws\/inspector\//);
    // Our Debian file answers (advisory page by year since the v1polish follow-up, no longer the tracker).
    expect(r('secid:advisory/debian.org/dsa#DSA-5678-1').results.map((x) => x.url)).toContain(
      'https://www.debian.org/security/2024/dsa-5678',
    );
    expect(r('secid:reference/github.com/releases/nodejs/node/v22.0.0').results[0]!.url).toBe(
      'https://github.com/nodejs/node/releases/tag/v22.0.0',
    );
  });
  it('lists the imported namespaces of a type with ours (secid:methodology)', () => {
    const a = r('secid:methodology');
    expect(a.status).toBe('found');
    expect(a.results[0]!.description).toMatch(/^\d+ namespaces: .*first\.org/);
    expect(r('secid:weakness').results[0]!.description).toMatch(/\bowasp\b.*\bowasp\.org\b|\bowasp\.org\b.*\bowasp\b/);
  });
  it('fills a link ours lacks from the import (kernel.org CVEs)', () => {
    const a = r('secid:advisory/kernel.org/kernel#CVE-2022-0847');
    expect(a.status).toBe('found');
    expect(a.results.map((x) => x.url)).toContain('https://www.cve.org/CVERecord?id=CVE-2022-0847');
  });
  it('the CLI answers the CCM string found', () => {
    const out = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'resolve',
        'secid:control/cloudsecurityalliance.org/ccm@4.0#IAM-12',
        '--json',
      ],
      { encoding: 'utf8' },
    );
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({
      status: 'found',
      results: [{ url: 'https://cloudsecurityalliance.org/research/cloud-controls-matrix' }],
    });
  });
  it('the CLI takes --registry <folder> over the bundled import', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
    const fixture = cli(
      'resolve',
      'secid:methodology/scoring.org/score@2.0',
      '--registry',
      'tests/fixtures/secid-registry',
      '--json',
    );
    expect(fixture.status).toBe(0);
    expect(JSON.parse(fixture.stdout).results[0].url).toBe('https://scoring.org/score/v2.0/');
    // The bundled import is not used then: CVSS is unknown to the fixture.
    expect(
      cli('resolve', 'secid:methodology/first.org/cvss@4.0', '--registry', 'tests/fixtures/secid-registry').status,
    ).toBe(1);
    expect(cli('resolve', 'x', '--registry', '/no/such/folder').status).toBe(2);
  });
  it('secid validate --registry <folder> names each bad file with its reason', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
    const dir = mkdtempSync(join(tmpdir(), 'secid-bad-'));
    try {
      mkdirSync(join(dir, 'advisory', 'org'), { recursive: true });
      writeFileSync(join(dir, 'advisory', 'org', 'broken.json'), '{ not json');
      writeFileSync(
        join(dir, 'advisory', 'org', 'wrong.json'),
        JSON.stringify({ schema_version: '1.0', namespace: 'wrong.org', type: 'weakness', match_nodes: [] }),
      );
      const v = cli('validate', '--registry', dir);
      expect(v.status).toBe(1);
      expect(v.stdout).toMatch(/advisory\/org\/broken\.json: \(file\): not JSON/);
      expect(v.stdout).toMatch(
        /advisory\/org\/wrong\.json: \(file\): type "weakness" but the file is under advisory\//,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
