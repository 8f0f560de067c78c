import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveId, parseOsv } from '../../src/core/live-details.ts';
import { LIVE_ERROR_TTL_MS, LIVE_TTL_MS, liveDetails, type LiveDeps } from '../../src/shared/live-details.ts';

const GHSA = JSON.parse(readFileSync('tests/fixtures/osv/GHSA-jfh8-c2jp-5v3q.json', 'utf8'));

describe('which IDs may be looked up', () => {
  it.each([
    ['CVE-2021-44228', 'CVE-2021-44228'],
    ['cve-2021-44228', 'CVE-2021-44228'],
    ['GHSA-JFH8-C2JP-5V3Q', 'GHSA-jfh8-c2jp-5v3q'],
    ['ghsa-jfh8-c2jp-5v3q', 'GHSA-jfh8-c2jp-5v3q'],
    ['ML03', undefined],
    ['CVE-2021-44228/../../x', undefined],
    ['GHSA-aaaa-bbbb-cccc', undefined], // letters OSV never uses
    ['https://example.com/CVE-2021-44228', undefined],
  ])('%s -> %s', (raw, id) => {
    expect(liveId(raw)).toBe(id);
  });
});

describe('reading an OSV record', () => {
  it('keeps summary, dates, CVSS vectors with their version and http(s) references only', () => {
    expect(parseOsv('GHSA-jfh8-c2jp-5v3q', GHSA, 1)).toEqual({
      id: 'GHSA-jfh8-c2jp-5v3q',
      source: 'OSV.dev',
      url: 'https://osv.dev/vulnerability/GHSA-jfh8-c2jp-5v3q',
      summary: 'Test fixture: remote code execution in a logging library',
      published: '2021-12-10',
      modified: '2024-05-01',
      aliases: ['CVE-2021-44228'],
      scores: [
        { type: 'CVSS_V3', version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H' },
        { type: 'CVSS_V4', version: '4.0', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H' },
      ],
      references: [
        { type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228' },
        { type: 'PACKAGE', url: 'https://example.org/logging' },
      ],
      fetchedAt: 1,
    });
  });
  it('accepts a record that lists the asked CVE as an alias, and nothing that is not about it', () => {
    expect(parseOsv('CVE-2021-44228', GHSA, 1)?.id).toBe('CVE-2021-44228');
    expect(parseOsv('CVE-2020-0001', GHSA, 1)).toBeUndefined();
    for (const bad of [null, [], 'text', 42, {}, { id: 7 }]) expect(parseOsv('CVE-2021-44228', bad, 1)).toBeUndefined();
  });
  it('ignores malformed fields instead of failing', () => {
    const odd = {
      id: 'CVE-2021-44228',
      summary: 12,
      published: 'yesterday',
      severity: [null, { type: 'CVSS_V3' }, 'x'],
      references: [{ url: 5 }, null],
    };
    expect(parseOsv('CVE-2021-44228', odd, 1)).toMatchObject({ scores: [], references: [] });
    expect(parseOsv('CVE-2021-44228', odd, 1)?.summary).toBeUndefined();
  });
});

// A local server answering in the documented shapes; the suite never reaches the internet.
let server: Server;
let origin: string;
const hits: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const id = decodeURIComponent((req.url ?? '').replace(/^\/v1\/vulns\//, ''));
    const send = (status: number, body: string) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    if (req.headers.cookie || req.headers.referer) return send(400, '{"message":"no cookies or referrer expected"}');
    if (id === 'GHSA-jfh8-c2jp-5v3q' || id === 'CVE-2021-44228') return send(200, JSON.stringify(GHSA));
    if (id === 'CVE-2000-0001') return send(429, '{"code":8,"message":"Too many requests"}');
    if (id === 'CVE-2000-0002') return send(200, '{"id": "CVE-2000-0002", "summ');
    if (id === 'CVE-2000-0003') return; // never answers: only the client's time-out ends it
    if (id === 'CVE-2000-0004') return send(500, 'oops');
    return send(404, '{"code":5,"message":"Bug not found."}');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((ok) => server.close(() => ok()));
});

function deps(clock: { t: number }, timeoutMs = 10_000): LiveDeps & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    fetch: (...args) => fetch(...args),
    store: { get: async (k) => data.get(k), set: async (k, v) => void data.set(k, structuredClone(v)) },
    now: () => clock.t,
    origin,
    timeoutMs,
  };
}

describe('fetching and caching', () => {
  it('fetches once, then answers from the cache until it expires', async () => {
    const clock = { t: 1_000_000 };
    const d = deps(clock);
    hits.length = 0;
    const first = await liveDetails('GHSA-JFH8-C2JP-5V3Q', d);
    expect(first).toMatchObject({
      status: 'ok',
      details: { id: 'GHSA-jfh8-c2jp-5v3q', summary: expect.stringContaining('Test fixture') },
    });
    expect(hits).toEqual(['/v1/vulns/GHSA-jfh8-c2jp-5v3q']);
    clock.t += LIVE_TTL_MS - 1;
    expect(await liveDetails('ghsa-jfh8-c2jp-5v3q', d)).toEqual(first);
    expect(hits).toHaveLength(1);
    clock.t += 2;
    await liveDetails('GHSA-jfh8-c2jp-5v3q', d);
    expect(hits).toHaveLength(2);
  });
  it('sends nothing for what is not a CVE or GHSA ID', async () => {
    hits.length = 0;
    expect(await liveDetails('ML03', deps({ t: 0 }))).toMatchObject({ status: 'none' });
    expect(hits).toEqual([]);
  });
  it.each([
    ['CVE-2000-0001', 'HTTP 429'],
    ['CVE-2000-0002', 'malformed answer'],
    ['CVE-2000-0003', 'timed out'],
    ['CVE-2000-0004', 'HTTP 500'],
  ])('%s fails with "%s", and is not asked again for a while', async (id, reason) => {
    const clock = { t: 5_000_000 };
    const d = deps(clock, id === 'CVE-2000-0003' ? 200 : 10_000);
    hits.length = 0;
    expect(await liveDetails(id, d)).toEqual({ status: 'error', reason });
    expect(await liveDetails(id, d)).toEqual({ status: 'error', reason });
    expect(hits).toHaveLength(1);
    clock.t += LIVE_ERROR_TTL_MS + 1;
    await liveDetails(id, d);
    expect(hits).toHaveLength(2);
  });
  it('a 404 is "no record", cached like an answer', async () => {
    const d = deps({ t: 0 });
    expect(await liveDetails('CVE-2024-0001', d)).toEqual({ status: 'none', reason: 'no record' });
    expect(d.data.has('live:CVE-2024-0001')).toBe(true);
  });
  it('a corrupt cache entry is ignored', async () => {
    const d = deps({ t: 10 });
    d.data.set('live:GHSA-jfh8-c2jp-5v3q', { at: 'soon', answer: 3 });
    expect((await liveDetails('GHSA-jfh8-c2jp-5v3q', d)).status).toBe('ok');
  });
});
