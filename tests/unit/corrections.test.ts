// Each test pins a correction found by checking the registry against the sources' own sites and data (issue 12).
import { describe, expect, it } from 'vitest';
import { resolve } from '../../src/core/resolve.ts';
import { realRegistry } from '../support/registry.ts';

const registry = realRegistry();
const r = (q: string) => resolve(registry, q);
const first = (q: string) => r(q).results[0]!;

describe('corrections', () => {
  it('OWASP ML Top 10 items link to their own pages on mltop10.info, not to a fragment', () => {
    expect(first('ML01').url).toBe('https://mltop10.info/ML01_2023-Input_Manipulation_Attack.html');
    expect(first('secid:weakness/owasp.org/ml-top10#ML06').url).toBe(
      'https://mltop10.info/ML06_2023-AI_Supply_Chain_Attacks.html',
    );
    const source = registry.source('weakness/owasp/ml-top10')!;
    for (const item of source.items)
      expect(item.url, item.id).toMatch(new RegExp(`^https://mltop10\\.info/${item.id}_2023-[A-Za-z_]+\\.html$`));
    expect(source.description + JSON.stringify(source.urls)).not.toMatch(/single-page|#\{id\}/);
  });

  it('OWASP Top 10:2025 is published and current; 2021 is superseded', () => {
    const a = r('A03:2025');
    expect(a.status).toBe('found');
    expect(a.results[0]).toMatchObject({
      title: 'Software Supply Chain Failures',
      edition: '2025',
      current_edition: true,
      url: 'https://owasp.org/Top10/2025/A03_2025-Software_Supply_Chain_Failures/',
    });
    const titles = Array.from(
      { length: 10 },
      (_, i) => first(`secid:weakness/owasp/top10@2025#A${String(i + 1).padStart(2, '0')}`).title,
    );
    expect(titles).toEqual([
      'Broken Access Control',
      'Security Misconfiguration',
      'Software Supply Chain Failures',
      'Cryptographic Failures',
      'Injection',
      'Insecure Design',
      'Authentication Failures',
      'Software or Data Integrity Failures',
      'Security Logging & Alerting Failures',
      'Mishandling of Exceptional Conditions',
    ]);
    const source = registry.source('weakness/owasp/top10')!;
    expect(registry.currentVersion(source)!.v).toBe('2025');
    expect(registry.version(source, '2021')!.status).toBe('superseded');
    expect(source.urls.index).toBe('https://owasp.org/Top10/');
    expect(first('A03:2021')).toMatchObject({ title: 'Injection', current_edition: false });
  });

  it('the 2017 A10 card does not claim 2021 numbering', () => {
    const kind = first('secid:weakness/owasp/top10@2017#A10').kind ?? '';
    expect(kind).not.toMatch(/2021/);
    expect(first('secid:weakness/owasp/top10@2017#A7').kind).toMatch(/2017/);
  });

  it('AVID entries live at /database/<ID>', () => {
    expect(first('AVID-2025-R0001').url).toBe('https://avidml.org/database/AVID-2025-R0001');
    expect(first('AVID-2023-V001').url).toBe('https://avidml.org/database/AVID-2023-V001');
  });

  it('Microsoft ADV IDs with eight digits are accepted', () => {
    const a = r('secid:advisory/microsoft/advisory#ADV25258226');
    expect(a.status).toBe('found');
    expect(a.results[0]!.url).toBe('https://msrc.microsoft.com/update-guide/advisory/ADV25258226');
    expect(r('secid:advisory/microsoft/advisory#ADV190023').status).toBe('found');
  });

  it('Amazon Linux 2023 advisories (ALAS-2024-581) go to /AL2023/, older ALAS to Amazon Linux 1', () => {
    expect(first('ALAS-2024-581')).toMatchObject({
      url: 'https://alas.aws.amazon.com/AL2023/ALAS-2024-581.html',
      kind: 'Amazon Linux 2023',
    });
    expect(first('ALAS-2021-1553')).toMatchObject({
      url: 'https://alas.aws.amazon.com/ALAS-2021-1553.html',
      kind: 'Amazon Linux 1',
    });
    expect(first('ALAS2-2021-1722').url).toBe('https://alas.aws.amazon.com/AL2/ALAS2-2021-1722.html');
  });

  it('MFSA 2024-01 and mfsa2024-01, the forms Mozilla writes, resolve', () => {
    for (const q of [
      'secid:advisory/mozilla/mfsa#MFSA%202024-01',
      'secid:advisory/mozilla/mfsa#mfsa2024-01',
      'mfsa2024-01',
      'secid:advisory/mozilla/mfsa#2024-01',
    ]) {
      const a = r(q);
      expect(a.status === 'found' || a.status === 'corrected', q).toBe(true);
      expect(a.results[0]!.url, q).toBe('https://www.mozilla.org/security/advisories/mfsa2024-01/');
    }
  });

  it('OWASP LLM Top 10 v1.0 was released on 2023-08-01', () => {
    const source = registry.source('weakness/owasp/llm-top10')!;
    expect(registry.version(source, '1.0')!.date).toBe('2023-08-01');
  });

  it('uses the official SecID 1.0 spellings of these namespaces', () => {
    const cases: [string, string][] = [
      ['concordia', 'concordia-ai.com'],
      ['mcpshark', 'mcpshark.sh'],
      ['gpai', 'gpai.ai'],
      ['sac', 'tc260.org.cn'],
      ['us', 'govinfo.gov'],
      ['us-ny', 'ny.gov'],
    ];
    for (const [ours, v1] of cases) {
      expect(registry.v1Namespace(ours), ours).toBe(v1);
      expect(r(`secid:entity/${v1}`).results[0]?.secid, v1).toBe(`secid:entity/${ours}`);
    }
    expect(first('secid:control/concordia-ai.com/frontier-ai-rmf@1.0#risk-identification').secid_v1).toBe(
      'secid:control/concordia-ai.com/frontier-ai-rmf@1.0#risk-identification',
    );
  });
});
