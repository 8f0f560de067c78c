import { describe, expect, it } from 'vitest';
import { httpUrl } from '../../src/core/http-url.ts';
import { fillTemplate } from '../../src/core/url-template.ts';

describe('URL templates', () => {
  it('fills id, num, year and named groups', () => {
    expect(fillTemplate('https://cwe.mitre.org/data/definitions/{num}.html', 'CWE-79')).toBe(
      'https://cwe.mitre.org/data/definitions/79.html',
    );
    expect(
      fillTemplate('https://attack.mitre.org/techniques/{parent}/{sub}/', 'T1059.003', { parent: 'T1059', sub: '003' }),
    ).toBe('https://attack.mitre.org/techniques/T1059/003/');
    expect(fillTemplate('https://x.example/{year}/{id_lower}', 'DSA-2024-1')).toBe('https://x.example/2024/dsa-2024-1');
  });
  it('escapes what could change the URL structure', () => {
    expect(fillTemplate('https://x.example/id/{id}', 'a/../../evil?x#y')).toBe(
      'https://x.example/id/a%2F..%2F..%2Fevil%3Fx%23y',
    );
  });
  it('refuses unfillable placeholders, other hosts and other schemes', () => {
    expect(fillTemplate('https://x.example/{name}', 'A1')).toBeUndefined();
    expect(fillTemplate('https://{id}/x', 'evil.example')).toBeUndefined();
    expect(fillTemplate('https://x.example{id}', '@evil.example')).toBeUndefined();
    expect(fillTemplate('javascript:{id}', 'alert(1)')).toBeUndefined();
    expect(httpUrl('data:text/html,hi')).toBeUndefined();
    expect(httpUrl('https://ok.example/a')).toBe('https://ok.example/a');
  });
  it('httpUrl is the one link check: http(s) only, strings only, the template host kept when given', () => {
    for (const bad of [undefined, '', 'javascript:alert(1)', '/relative', 42, { href: 'https://x.example/' }])
      expect(httpUrl(bad)).toBeUndefined();
    expect(httpUrl('HTTP://Ok.Example/a b')).toBe('http://ok.example/a%20b');
    expect(httpUrl('https://ok.example/a', 'https://ok.example/{id}')).toBe('https://ok.example/a');
    expect(httpUrl('https://evil.example/a', 'https://ok.example/{id}')).toBeUndefined();
  });
});
