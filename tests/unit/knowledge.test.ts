import { describe, expect, it } from 'vitest';
import { omniboxSuggestions } from '../../src/background/omnibox.ts';
import { SHARD_SOURCE, applyShard, parseShard, shardsFor } from '../../src/core/knowledge.ts';
import { Registry } from '../../src/core/registry.ts';
import { resolve } from '../../src/core/resolve.ts';
import { knowledgeRegistry, realCompiled } from '../support/registry.ts';

const { registry, search } = knowledgeRegistry();
const top = (q: string) => resolve(registry, q).results[0];

describe('ATT&CK facts', () => {
  it('names a sub-technique after its parent, with its tactic and platform', () => {
    expect(top('T1059.003')).toMatchObject({
      secid: 'secid:ttp/mitre/attack#T1059.003',
      title: 'Command and Scripting Interpreter: Windows Command Shell',
      kind: 'sub-technique',
      url: 'https://attack.mitre.org/techniques/T1059/003/',
    });
    expect(top('T1059.003')?.facts).toEqual(
      expect.arrayContaining([
        { label: 'Tactic', value: 'Execution (TA0002)' },
        { label: 'Platforms', value: 'Windows' },
      ]),
    );
    expect(top('T1059.003')?.related).toEqual([
      { secid: 'secid:ttp/mitre/attack#T1059', rel: 'child_of', title: 'Command and Scripting Interpreter' },
    ]);
  });
  it.each([
    ['TA0001', 'Initial Access', 'tactic'],
    ['M1036', 'Account Use Policies', 'mitigation'],
    ['G0016', 'APT29', 'group'],
    ['S0154', 'Cobalt Strike', 'software'],
    ['T0807', 'Command-Line Interface', 'technique'],
    ['T1404', 'Exploitation for Privilege Escalation', 'technique'],
    ['C0022', 'Operation Dream Job', 'campaign'],
  ])('%s is %s (%s)', (id, title, kind) => {
    expect(top(id)).toMatchObject({ id, title, kind });
  });
  it('says which domain ICS and Mobile techniques belong to', () => {
    expect(top('T0807')?.facts).toContainEqual({ label: 'Domain', value: 'ICS' });
    expect(top('T1404')?.facts).toContainEqual({ label: 'Domain', value: 'Mobile' });
  });
  it("keeps the registry file's own description of a tactic and adds the shard's facts under it", () => {
    expect(top('TA0001')?.description).toBe("Getting a first foothold inside the target's network or systems.");
    expect(top('TA0001')?.catalog).toMatch(/^ATT&CK v18\.1, mitre\/cti \d{4}-\d{2}-\d{2}$/);
  });
  it('marks revoked objects and points to their replacement', () => {
    expect(top('G0042')).toMatchObject({
      item_status: 'revoked',
      replaced_by: { secid: 'secid:ttp/mitre/attack#G0040', title: 'Patchwork' },
    });
  });
});

describe('CAPEC facts', () => {
  it('CAPEC-66 is SQL Injection and exploits CWE-89', () => {
    const capec = top('CAPEC-66');
    expect(capec).toMatchObject({ title: 'SQL Injection', kind: 'standard attack pattern' });
    expect(capec?.related).toContainEqual(
      expect.objectContaining({ secid: 'secid:weakness/mitre/cwe#CWE-89', rel: 'exploits' }),
    );
  });
  it('a CWE card lists the CAPEC patterns that cite it', () => {
    expect(top('CWE-89')?.related).toContainEqual({
      secid: 'secid:ttp/mitre/capec#CAPEC-66',
      rel: 'exploited_by',
      title: 'SQL Injection',
    });
  });
});

describe('known exploited vulnerabilities', () => {
  it('marks every card of a KEV CVE and gives it the KEV name as title', () => {
    const answer = resolve(registry, 'CVE-2021-44228');
    expect(answer.results[0]).toMatchObject({
      secid: 'secid:advisory/mitre/cve#CVE-2021-44228',
      title: 'Apache Log4j2 Remote Code Execution Vulnerability',
      known_exploited: { vendor: 'Apache', product: 'Log4j2', date_added: '2021-12-10', ransomware: true },
    });
    expect(answer.results.every((r) => r.known_exploited !== undefined)).toBe(true);
  });
  it('leaves a CVE that is not listed as it was', () => {
    const r = top('CVE-2024-0001');
    expect(r?.known_exploited).toBeUndefined();
    expect(r?.title).toBeUndefined();
  });
});

describe('shards', () => {
  it('are asked for only by queries that may need them', () => {
    expect(shardsFor('T1059.003')).toEqual(['attack']);
    expect(shardsFor('secid:ttp/mitre/attack#TA0001')).toEqual(['attack']);
    expect(shardsFor('CAPEC-66')).toEqual(['capec']);
    expect(shardsFor('CWE-79')).toEqual(['capec']);
    expect(shardsFor('cve-2021-44228')).toEqual(['kev']);
    expect(shardsFor('LLM01:2025')).toEqual([]);
    expect(shardsFor('prompt injection')).toEqual([]);
  });
  it('without them the offline answer is the same as before, minus the facts', () => {
    const bare = new Registry(structuredClone(realCompiled()));
    expect(resolve(bare, 'T1059.003').results[0]).toMatchObject({
      id: 'T1059.003',
      kind: 'sub-technique',
      url: 'https://attack.mitre.org/techniques/T1059/003/',
    });
    expect(resolve(bare, 'T1059.003').results[0]?.title).toBeUndefined();
    expect(resolve(bare, 'CVE-2021-44228').results[0]?.known_exploited).toBeUndefined();
  });
  it('apply once: a second application adds nothing twice', () => {
    const data = structuredClone(realCompiled());
    const r = new Registry(data);
    const text =
      '# release: Test\n# columns: id\tkind\tname\tdomains\ttactics\tplatforms\tstatus\treplaced_by\nT1059\ttechnique\tCommand and Scripting Interpreter\tenterprise\tTA0002\t\tactive\t\n';
    applyShard(r, parseShard('attack', text));
    applyShard(r, parseShard('attack', text));
    const source = r.source(SHARD_SOURCE.attack)!;
    expect(source.items.filter((i) => i.id === 'T1059')).toHaveLength(1);
    // A tactic the shard does not name is shown by its ID alone.
    expect(resolve(r, 'T1059').results[0]?.facts).toEqual([
      { label: 'Tactic', value: 'TA0002' },
      { label: 'Domain', value: 'Enterprise' },
    ]);
  });
  it('a malformed shard is an error, not a half-applied one', () => {
    expect(() => parseShard('kev', '# columns: cve\tvendor\nCVE-2021-44228\n')).toThrow(/line 2/);
  });
});

describe('omnibox with knowledge', () => {
  it('describes T1059 as the technique', () => {
    const [first] = omniboxSuggestions('T1059', registry, search, { markup: false });
    expect(first).toEqual({
      content: 'secid:ttp/mitre/attack#T1059',
      description: 'T1059 - Command and Scripting Interpreter (MITRE ATT&CK)',
    });
  });
  it('finds log4shell', () => {
    expect(omniboxSuggestions('log4shell', registry, search, { markup: false })[0]?.content).toBe(
      'secid:advisory/mitre/cve#CVE-2021-44228',
    );
  });
});
