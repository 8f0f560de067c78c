import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalise, formatSecId, parseSecId } from '../../src/core/parse.ts';
import { SECID_TYPES } from '../../src/core/secid-types.ts';

const ok = (s: string) => {
  const r = parseSecId(s);
  if (!r.ok) throw new Error(`${s}: ${r.error.message}`);
  return r.value;
};
const err = (s: string) => {
  const r = parseSecId(s);
  if (r.ok) throw new Error(`${s} parsed`);
  return r.error;
};

describe('parseSecId', () => {
  it('splits every part of a full SecID', () => {
    expect(ok('secid:weakness/owasp/ml-top10@2023#ML01')).toEqual({
      type: 'weakness',
      namespace: 'owasp',
      name: 'ml-top10',
      version: '2023',
      qualifiers: {},
      subpath: 'ML01',
    });
  });
  it('accepts SecID 1.0 domain namespaces and keeps sub-namespace segments in the name for the registry to split', () => {
    expect(ok('secid:advisory/github.com/advisories/ghsa#GHSA-jfh8-c2jp-5v3q')).toMatchObject({
      namespace: 'github.com',
      name: 'advisories/ghsa',
      subpath: 'GHSA-jfh8-c2jp-5v3q',
    });
  });
  it('lower-cases scheme, type, namespace and name but keeps the subpath as written', () => {
    expect(canonicalise('SECID:Weakness/OWASP.ORG./ML-Top10#ml03')).toBe('secid:weakness/owasp.org/ml-top10#ml03');
  });
  it('decodes percent-escapes and re-escapes only what would re-parse differently', () => {
    expect(ok('secid:control/csa/aicm@1.0#A%26A-01').subpath).toBe('A&A-01');
    expect(canonicalise('secid:control/csa/aicm@1.0#A%26A-01')).toBe('secid:control/csa/aicm@1.0#A&A-01');
    expect(ok('secid:advisory/redhat/errata#RHSA-2024%3A1234').subpath).toBe('RHSA-2024:1234');
    expect(canonicalise('secid:control/x/y#Auditing%20Guidelines')).toBe('secid:control/x/y#Auditing%20Guidelines');
  });
  it('keeps every character after the first # in the subpath (CERT VU#)', () => {
    expect(ok('secid:advisory/cert/vu#VU#867593').subpath).toBe('VU#867593');
  });
  it('reads qualifiers in both positions; the item-level value wins; keys sort', () => {
    const id = ok('secid:advisory/nist/nvd?lang=en&content_type=application/json#CVE-2024-1234?lang=ja');
    expect(id.qualifiers).toEqual({ content_type: 'application/json', lang: 'ja' });
    expect(formatSecId(id)).toBe('secid:advisory/nist/nvd?content_type=application/json&lang=ja#CVE-2024-1234');
  });
  it('accepts the three SecID 1.0 types and partial SecIDs', () => {
    for (const t of ['capability', 'methodology', 'disclosure']) expect(ok(`secid:${t}/x.org/y`).type).toBe(t);
    expect(ok('secid:weakness')).toEqual({ type: 'weakness', qualifiers: {} });
    expect(ok('secid:weakness/owasp')).toEqual({ type: 'weakness', namespace: 'owasp', qualifiers: {} });
  });
  it('gives precise errors', () => {
    expect(err('').code).toBe('empty');
    expect(err('weakness/owasp/x').code).toBe('no-scheme');
    expect(err('secid:frobnicate/x/y').message).toContain('advisory, weakness, ttp');
    expect(err('secid:weakness//x').code).toBe('empty-segment');
    expect(err('secid:weakness/red_hat.com/x').code).toBe('bad-namespace');
    expect(err('secid:weakness/owasp/x#%E0%A4%A').code).toBe('bad-escape');
    expect(err(`secid:weakness/owasp/x#${'A'.repeat(1100)}`).code).toBe('too-long');
    expect(err('secid:weakness/owasp/x@#A').code).toBe('bad-version');
  });
  it('accepts a scheme-less SecID when asked', () => {
    expect(parseSecId('weakness/owasp/ml-top10#ML01', { requireScheme: false }).ok).toBe(true);
  });
});

describe('parse/format properties', () => {
  const segment = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}[a-z0-9]$/);
  const anyText = fc.string({ unit: 'binary', maxLength: 40 });
  const secid = fc.record({
    type: fc.constantFrom(...SECID_TYPES),
    ns: fc.array(segment, { minLength: 1, maxLength: 3 }).map((a) => a.join('.')),
    name: fc.option(segment, { nil: undefined }),
    version: fc.option(fc.stringMatching(/^[A-Za-z0-9.\-_]{1,8}$/), { nil: undefined }),
    subpath: fc.option(
      anyText.filter((s) => s.trim() !== ''),
      { nil: undefined },
    ),
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        parseSecId(s);
        parseSecId(`secid:${s}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('format(parse(x)) is a fixed point: canonical and stable', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (s) => {
        const once = canonicalise(`secid:weakness/${s}`);
        if (once !== undefined) expect(canonicalise(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('parse(format(id)) gives back the same parts', () => {
    fc.assert(
      fc.property(secid, ({ type, ns, name, version, subpath }) => {
        const text = `secid:${type}/${ns}${name ? `/${name}` : ''}${version ? `@${version}` : ''}${subpath !== undefined ? `#${encodeURIComponent(subpath).replace(/%2F/g, '/')}` : ''}`;
        const first = parseSecId(text);
        if (!first.ok) return;
        const again = parseSecId(formatSecId(first.value));
        expect(again.ok && again.value).toEqual(first.value);
      }),
      { numRuns: 2000 },
    );
  });
});
