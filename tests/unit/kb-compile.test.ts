import { describe, expect, it } from 'vitest';
import { checkShards } from '../../src/compiler/kb/shards.ts';
import { compileAliases } from '../../src/compiler/kb/aliases.ts';
import { Registry } from '../../src/core/registry.ts';
import { realCompiled } from '../support/registry.ts';

const ATTACK_HEAD = '# columns: id\tkind\tname\tdomains\ttactics\tplatforms\tstatus\treplaced_by\n';
const CAPEC_HEAD = '# columns: id\tname\tabstraction\tstatus\tcwes\tattack\n';

describe('the compiler checks the knowledge shards', () => {
  it('accepts the committed data', () => {
    expect(realCompiled().aliases?.length).toBeGreaterThan(100);
  });
  it('reports an ID that is not an ID of the source, a malformed row and a CWE link to nothing', () => {
    const problems = checkShards(realCompiled(), {
      attack: `${ATTACK_HEAD}T1059\ttechnique\tCommand and Scripting Interpreter\tenterprise\t\t\tactive\t\nX99\tgroup\tNobody\tenterprise\t\t\tactive\t\n`,
      capec: `${CAPEC_HEAD}CAPEC-66\tSQL Injection\tstandard\tdraft\tCWE-89,CWE-999999\t\n`,
      kev: '# columns: cve\tvendor\nCVE-2021-44228\n',
    });
    expect(problems).toEqual([
      {
        file: 'registry/data/attack.tsv',
        field: 'id',
        reason: '1 ID(s) match no id pattern of ttp/mitre/attack, first X99',
      },
      {
        file: 'registry/data/capec.tsv',
        field: 'cwes',
        reason: '1 CWE link(s) to entries not in the CWE list, first CWE-999999',
      },
      { file: 'registry/data/kev.tsv', field: '(file)', reason: 'line 2: 1 cells, expected 2 (cve, vendor)' },
    ]);
  });
  it('leaves the compiled registry as it was', () => {
    const before = JSON.stringify(realCompiled());
    checkShards(realCompiled(), { attack: `${ATTACK_HEAD}T1059\ttechnique\tX\tenterprise\t\t\tactive\t\n` });
    expect(JSON.stringify(realCompiled())).toBe(before);
  });
  it('reports aliases that point nowhere', () => {
    const { problems } = compileAliases({
      nicknames: '# columns: nickname\tspellings\tcves\twhat\nNope\t\tCVE-21-1\tsomething broken here\n',
      weaknesses: '# columns: alias\tspellings\tcwe\nGhost\t\tCWE-999999\n',
      registry: new Registry(realCompiled()),
    });
    expect(problems).toEqual([
      { line: 'Nope', reason: 'bad CVE list "CVE-21-1"' },
      { line: 'Ghost', reason: 'CWE-999999 is not in the CWE list' },
    ]);
  });
});
