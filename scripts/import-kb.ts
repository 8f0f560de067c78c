// Refresh the committed knowledge data from a local mirror of its upstream repository (never at build time):
//   npm run registry:attack -- <mirror of github:mitre/cti>      -> registry/data/attack.tsv
//   npm run registry:capec  -- <mirror of github:mitre/cti>      -> registry/data/capec.tsv
//   npm run registry:kev    -- <mirror of github:cisagov/kev-data> -> registry/data/kev.tsv
// A mirror is a bare git directory or a clone; files are read from its HEAD commit, which is recorded in the output.
import { writeFileSync } from 'node:fs';
import {
  ATTACK_FOLDERS,
  attackTsv,
  bundleObjects,
  extractAttack,
  type AttackDomain,
} from '../src/compiler/kb/attack-extract.ts';
import { capecTsv, extractCapec } from '../src/compiler/kb/capec-extract.ts';
import { extractKev, kevTsv } from '../src/compiler/kb/kev-extract.ts';
import { writeTsv, type Tsv } from '../src/core/tsv.ts';
import { commitDate, headCommit, readMirrorFiles } from './lib/git-mirror.ts';

const [what, dir] = process.argv.slice(2);
if (!what || !dir || !['attack', 'capec', 'kev'].includes(what)) {
  console.error('usage: tsx scripts/import-kb.ts attack|capec|kev <git mirror dir>');
  process.exit(2);
}

const commit = headCommit(dir);
const date = commitDate(dir);
let tsv: Tsv;
if (what === 'attack') {
  const domains: { domain: AttackDomain; objects: ReturnType<typeof bundleObjects> }[] = [];
  for (const domain of ['enterprise', 'mobile', 'ics'] as const) {
    const folders = ATTACK_FOLDERS.map((f) => `${domain}-attack/${f}/`);
    const files = readMirrorFiles(dir, folders, (p) => p.endsWith('.json'));
    domains.push({ domain, objects: files.flatMap((f) => bundleObjects(f.text)) });
    console.log(`${domain}: ${files.length} files`);
  }
  const rows = extractAttack(domains);
  tsv = attackTsv(rows, {
    data: 'MITRE ATT&CK (Enterprise, Mobile, ICS): IDs, names, kinds, domains, tactics, platforms, status. No descriptions.',
    upstream: `github:mitre/cti@${commit} (${date})`,
    license: 'ATT&CK terms of use, https://attack.mitre.org/resources/legal-and-branding/terms-of-use/',
    release: process.env.ATTACK_RELEASE ?? '',
  });
} else if (what === 'capec') {
  const files = readMirrorFiles(dir, ['capec/2.1/attack-pattern/'], (p) => p.endsWith('.json'));
  const rows = extractCapec(files.flatMap((f) => bundleObjects(f.text)));
  tsv = capecTsv(rows, {
    data: 'CAPEC attack patterns: IDs, names, abstraction, status, CWE and ATT&CK links. No descriptions.',
    upstream: `github:mitre/cti@${commit} (${date}), capec/2.1`,
    license: 'CAPEC terms of use, https://capec.mitre.org/about/termsofuse.html',
    release: process.env.CAPEC_RELEASE ?? '',
  });
} else {
  const [file] = readMirrorFiles(dir, ['known_exploited_vulnerabilities.json']);
  if (!file) throw new Error('known_exploited_vulnerabilities.json is not in the mirror');
  const { rows, version } = extractKev(JSON.parse(file.text));
  tsv = kevTsv(rows, {
    data: 'CISA Known Exploited Vulnerabilities: CVE, vendor, product, name, date added, known ransomware use.',
    upstream: `github:cisagov/kev-data@${commit} (${date})`,
    license: 'public domain (CC0 1.0), https://github.com/cisagov/kev-data',
    release: `catalog ${version}`,
  });
}
const out = `registry/data/${what}.tsv`;
writeFileSync(out, writeTsv(tsv));
console.log(`${out}: ${tsv.rows.length} rows from ${commit.slice(0, 12)}`);
