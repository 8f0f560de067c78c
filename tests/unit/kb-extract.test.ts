import { describe, expect, it } from 'vitest';
import { attackTsv, bundleObjects, extractAttack } from '../../src/compiler/kb/attack-extract.ts';
import { capecTsv, extractCapec } from '../../src/compiler/kb/capec-extract.ts';
import { extractKev, kevTsv } from '../../src/compiler/kb/kev-extract.ts';
import { parseTsv, records, writeTsv } from '../../src/core/tsv.ts';

// Small STIX fixtures written for these tests, in the shape of mitre/cti's per-object bundles (no MITRE text).
const ref = (id: string) => [{ source_name: 'mitre-attack', external_id: id, url: 'https://attack.mitre.org/x' }];
const enterprise = [
  {
    type: 'x-mitre-tactic',
    id: 'x-mitre-tactic--exec',
    name: 'Execution',
    x_mitre_shortname: 'execution',
    external_references: ref('TA0002'),
  },
  {
    type: 'x-mitre-tactic',
    id: 'x-mitre-tactic--persist',
    name: 'Persistence',
    x_mitre_shortname: 'persistence',
    external_references: ref('TA0003'),
  },
  {
    type: 'attack-pattern',
    id: 'attack-pattern--csi',
    name: 'Command and Scripting Interpreter',
    description: 'UPSTREAM PROSE THAT MUST NOT BE KEPT',
    x_mitre_platforms: ['Linux', 'Windows'],
    kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'execution' }],
    external_references: ref('T1059'),
  },
  {
    type: 'attack-pattern',
    id: 'attack-pattern--cmd',
    name: 'Windows Command Shell',
    x_mitre_is_subtechnique: true,
    x_mitre_platforms: ['Windows'],
    kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'execution' }],
    external_references: ref('T1059.003'),
  },
  {
    type: 'attack-pattern',
    id: 'attack-pattern--old',
    name: 'Old Thing',
    revoked: true,
    external_references: ref('T1500'),
  },
  {
    type: 'attack-pattern',
    id: 'attack-pattern--dep',
    name: 'Gone Thing',
    x_mitre_deprecated: true,
    external_references: ref('T1501'),
  },
  // An old mitigation that reused a technique ID: dropped, it would shadow the technique.
  {
    type: 'course-of-action',
    id: 'course-of-action--t',
    name: 'Old Mitigation',
    x_mitre_deprecated: true,
    external_references: ref('T1059'),
  },
  {
    type: 'course-of-action',
    id: 'course-of-action--m',
    name: 'Account Use Policies',
    external_references: ref('M1036'),
  },
  { type: 'intrusion-set', id: 'intrusion-set--g', name: 'APT29', external_references: ref('G0016') },
  {
    type: 'tool',
    id: 'tool--s',
    name: 'Cobalt Strike',
    x_mitre_platforms: ['Windows'],
    external_references: ref('S0154'),
  },
  { type: 'campaign', id: 'campaign--c', name: 'Operation X', external_references: ref('C0022') },
  {
    type: 'relationship',
    id: 'relationship--r',
    relationship_type: 'revoked-by',
    source_ref: 'attack-pattern--old',
    target_ref: 'attack-pattern--csi',
  },
  { type: 'identity', id: 'identity--x', name: 'The MITRE Corporation' },
];
const ics = [
  {
    type: 'x-mitre-tactic',
    id: 'x-mitre-tactic--ics-exec',
    name: 'Execution',
    x_mitre_shortname: 'execution-ics',
    external_references: ref('TA0104'),
  },
  {
    type: 'attack-pattern',
    id: 'attack-pattern--cli',
    name: 'Command-Line Interface',
    x_mitre_platforms: ['None'],
    kill_chain_phases: [{ kill_chain_name: 'mitre-ics-attack', phase_name: 'execution-ics' }],
    external_references: ref('T0807'),
  },
  // Groups appear in several domains under one ID.
  { type: 'intrusion-set', id: 'intrusion-set--g', name: 'APT29', external_references: ref('G0016') },
];

describe('ATT&CK extraction', () => {
  const rows = extractAttack([
    { domain: 'enterprise', objects: enterprise },
    { domain: 'ics', objects: ics },
  ]);
  const row = (id: string) => rows.find((r) => r.id === id);

  it('keeps IDs, names, kinds, tactics and platforms, and no descriptions', () => {
    expect(row('T1059.003')).toEqual({
      id: 'T1059.003',
      kind: 'sub-technique',
      name: 'Windows Command Shell',
      domains: ['enterprise'],
      tactics: ['TA0002'],
      platforms: ['Windows'],
      status: 'active',
      replacedBy: '',
    });
    expect(row('T1059')).toMatchObject({
      kind: 'technique',
      name: 'Command and Scripting Interpreter',
      tactics: ['TA0002'],
    });
    expect(row('TA0002')).toMatchObject({ kind: 'tactic', name: 'Execution' });
    expect(row('M1036')?.kind).toBe('mitigation');
    expect(row('S0154')).toMatchObject({ kind: 'software', platforms: ['Windows'] });
    expect(row('C0022')?.kind).toBe('campaign');
    expect(JSON.stringify(rows)).not.toContain('UPSTREAM PROSE');
  });
  it('maps ICS tactics by their own kill chain and drops the "None" platform', () => {
    expect(row('T0807')).toMatchObject({ domains: ['ics'], tactics: ['TA0104'], platforms: [] });
  });
  it('merges an object present in several domains', () => {
    expect(rows.filter((r) => r.id === 'G0016')).toHaveLength(1);
    expect(row('G0016')?.domains).toEqual(['enterprise', 'ics']);
  });
  it('records revoked (with its replacement) and deprecated status', () => {
    expect(row('T1500')).toMatchObject({ status: 'revoked', replacedBy: 'T1059' });
    expect(row('T1501')).toMatchObject({ status: 'deprecated', replacedBy: '' });
  });
  it('drops old mitigations that reuse technique IDs', () => {
    expect(rows.filter((r) => r.id === 'T1059')).toHaveLength(1);
    expect(row('T1059')?.kind).toBe('technique');
  });
  it('sorts IDs and writes a TSV that reads back', () => {
    expect(rows.map((r) => r.id)).toEqual([
      'C0022',
      'G0016',
      'M1036',
      'S0154',
      'T0807',
      'T1059',
      'T1059.003',
      'T1500',
      'T1501',
      'TA0002',
      'TA0003',
      'TA0104',
    ]);
    const text = writeTsv(attackTsv(rows, { upstream: 'github:mitre/cti@abc (2025-11-13)' }));
    const back = parseTsv(text);
    expect(back.meta.upstream).toBe('github:mitre/cti@abc (2025-11-13)');
    expect(records(back).find((r) => r.id === 'T1059.003')).toMatchObject({
      kind: 'sub-technique',
      tactics: 'TA0002',
      platforms: 'Windows',
      status: 'active',
    });
  });
  it('reads bundles and ignores what is not one', () => {
    expect(bundleObjects(JSON.stringify({ type: 'bundle', objects: enterprise.slice(0, 1) }))).toHaveLength(1);
    expect(bundleObjects('not json')).toEqual([]);
    expect(bundleObjects('{"objects": 3}')).toEqual([]);
  });
});

describe('CAPEC extraction', () => {
  const objects = [
    {
      type: 'attack-pattern',
      name: 'SQL Injection',
      description: 'UPSTREAM PROSE',
      x_capec_abstraction: 'Standard',
      x_capec_status: 'Draft',
      external_references: [
        { source_name: 'capec', external_id: 'CAPEC-66' },
        { source_name: 'cwe', external_id: 'CWE-89' },
        { source_name: 'cwe', external_id: 'CWE-1286' },
        { source_name: 'ATTACK', external_id: '1190' },
        { source_name: 'WASC', external_id: '19' },
      ],
    },
    {
      type: 'attack-pattern',
      name: 'Old',
      x_capec_status: 'Deprecated',
      external_references: [{ source_name: 'capec', external_id: 'CAPEC-7' }],
    },
    {
      type: 'course-of-action',
      name: 'Not a pattern',
      external_references: [{ source_name: 'capec', external_id: 'COA-1' }],
    },
    { type: 'attack-pattern', name: 'No ID' },
  ];
  const rows = extractCapec(objects);
  it('keeps title, abstraction, status, CWE and ATT&CK links', () => {
    expect(rows).toEqual([
      { id: 'CAPEC-7', name: 'Old', abstraction: '', status: 'deprecated', cwes: [], attack: [] },
      {
        id: 'CAPEC-66',
        name: 'SQL Injection',
        abstraction: 'standard',
        status: 'draft',
        cwes: ['CWE-89', 'CWE-1286'],
        attack: ['T1190'],
      },
    ]);
    expect(records(parseTsv(writeTsv(capecTsv(rows, {}))))[1]).toMatchObject({
      id: 'CAPEC-66',
      cwes: 'CWE-89,CWE-1286',
      attack: 'T1190',
    });
  });
});

describe('KEV extraction', () => {
  const catalog = {
    catalogVersion: '2025.08.25',
    vulnerabilities: [
      {
        cveID: 'CVE-2021-44228',
        vendorProject: 'Apache',
        product: 'Log4j2',
        vulnerabilityName: 'Apache Log4j2 Remote Code Execution Vulnerability',
        dateAdded: '2021-12-10',
        knownRansomwareCampaignUse: 'Known',
        shortDescription: 'UPSTREAM PROSE',
      },
      {
        cveID: 'CVE-2014-0160',
        vendorProject: 'OpenSSL',
        product: 'OpenSSL',
        vulnerabilityName: 'OpenSSL Information Disclosure Vulnerability',
        dateAdded: 'soon',
        knownRansomwareCampaignUse: 'Unknown',
      },
      { cveID: 'not a cve', vendorProject: 'X' },
      null,
    ],
  };
  it('keeps the six facts, in CVE order, and skips malformed entries', () => {
    const { rows, version } = extractKev(catalog);
    expect(version).toBe('2025.08.25');
    expect(rows).toEqual([
      {
        cve: 'CVE-2014-0160',
        vendor: 'OpenSSL',
        product: 'OpenSSL',
        name: 'OpenSSL Information Disclosure Vulnerability',
        dateAdded: '',
        ransomware: 'unknown',
      },
      {
        cve: 'CVE-2021-44228',
        vendor: 'Apache',
        product: 'Log4j2',
        name: 'Apache Log4j2 Remote Code Execution Vulnerability',
        dateAdded: '2021-12-10',
        ransomware: 'known',
      },
    ]);
    expect(writeTsv(kevTsv(rows, {}))).not.toContain('UPSTREAM PROSE');
  });
  it('rejects what is not a catalog', () => {
    expect(() => extractKev({})).toThrow(/not a KEV catalog/);
    expect(() => extractKev(null)).toThrow(/not a KEV catalog/);
  });
});

describe('TSV', () => {
  it('cleans cells and rejects a row of the wrong width, naming its line', () => {
    const text = writeTsv({ meta: { a: 'b' }, columns: ['x', 'y'], rows: [['one\ttwo', ' three\n']] });
    expect(records(parseTsv(text))).toEqual([{ x: 'one two', y: 'three' }]);
    expect(() => parseTsv('# columns: x\ty\nonly\n')).toThrow(/line 2: 1 cells, expected 2/);
    expect(() => parseTsv('row before columns\n')).toThrow(/line 1/);
  });
});
