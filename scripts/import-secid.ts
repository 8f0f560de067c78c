// npm run registry:import -- <folder> [--commit <sha>] [--date <yyyy-mm-dd>]
// <folder> is the `registry/` folder of CloudSecurityAlliance/SecID (e.g. from `git archive`). Writes registry/secid-1.0/.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { compileRegistry } from '../src/compiler/compile.ts';
import { importSecId, writeImport } from '../src/compiler/import-secid.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
let commit = option('--commit');
let date = option('--date');
const folder = args[0];
if (!folder || !existsSync(folder)) {
  console.error('usage: npm run registry:import -- <SecID registry folder> [--commit <sha>] [--date <yyyy-mm-dd>]');
  process.exit(2);
}
const registryFolder = existsSync(join(folder, 'registry')) ? join(folder, 'registry') : folder;
if (!commit) {
  // A checkout: take the commit from git itself.
  try {
    commit = execFileSync('git', ['-C', registryFolder, 'rev-parse', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    date ??= execFileSync('git', ['-C', registryFolder, 'log', '-1', '--format=%cs'], { encoding: 'utf8' }).trim();
  } catch {
    console.warn('registry:import: not a git checkout and no --commit given: the upstream commit is not recorded');
  }
}
const { registry: ours, problems } = compileRegistry('registry', { skipRedos: true });
if (problems.length)
  console.warn(`registry:import: our registry has ${problems.length} problem(s); run npm run secid -- validate`);
const result = importSecId({ folder: registryFolder, ours, ...(commit ? { commit } : {}), ...(date ? { date } : {}) });
writeImport(result, 'registry');
const { info } = result;
console.log(
  `registry:import: ${info.files} files, ${Object.values(info.namespaces).reduce((a, b) => a + b, 0)} namespaces (${Object.entries(
    info.namespaces,
  )
    .map(([t, n]) => `${t} ${n}`)
    .join(', ')})`,
);
console.log(
  `  skipped ${info.skipped.length}, refused patterns ${info.refused_patterns.length}, examples not resolving to the registry's URL ${info.exceptions.length}:`,
);
for (const e of info.exceptions) console.log(`  ${e.secid}${e.url ? ` -> ${e.url}` : ''}: ${e.reason}`);
for (const s of info.skipped) console.log(`  skipped ${s.file}: ${s.reason}`);
