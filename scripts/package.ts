// `npm run package`: build, check both manifests against the permission allow-list, lint the Firefox build, then
// write reproducible archives and their SHA-256 list to dist/:
//   secid-lens-chrome-<version>.zip   (Chrome Web Store upload)
//   secid-lens-firefox-<version>.xpi  (addons.mozilla.org upload)
//   secid-lens-source-<version>.zip   (the tracked source, for the store reviewers; builds with the README commands)
//   secid-lens-<version>.sha256       (`cd dist && sha256sum -c secid-lens-<version>.sha256`)
// Outside a git clone (an unpacked source archive) only the two extension archives are written.
// --skip-build packages the existing dist/chrome and dist/firefox.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { manifestProblems } from './manifest-policy.ts';
import { createZip, type ZipEntry } from './zip.ts';

const fail = (message: string): never => {
  console.error(`package: ${message}`);
  process.exit(1);
};

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
if (!/^\d+\.\d+\.\d+$/.test(version))
  fail(`package.json version "${version}" is not MAJOR.MINOR.PATCH (both stores want plain numbers)`);

if (!process.argv.includes('--skip-build')) {
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { stdio: 'inherit' });
  if (build.status !== 0) fail('the build failed');
}

for (const browser of ['chrome', 'firefox']) {
  const file = `dist/${browser}/manifest.json`;
  if (!existsSync(file)) fail(`${file} is missing: run npm run build`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (manifest.version !== version)
    fail(`${file}: version ${String(manifest.version)} is not package.json's ${version} (rebuild)`);
  const problems = manifestProblems(manifest);
  if (problems.length) fail(`${file} asks for more than the documented permissions:\n  ${problems.join('\n  ')}`);
}

// AMO runs the same linter on upload: any error or warning here would come back from the review.
const lint = spawnSync(
  process.execPath,
  [
    'node_modules/web-ext/bin/web-ext.js',
    'lint',
    '--source-dir',
    'dist/firefox',
    '--output',
    'json',
    '--no-config-discovery',
  ],
  { encoding: 'utf8' },
);
let summary: { errors: number; warnings: number; notices: number };
try {
  summary = (JSON.parse(lint.stdout) as { summary: typeof summary }).summary;
} catch {
  summary = fail(`web-ext lint gave no report:\n${lint.stdout}${lint.stderr}`);
}
console.log(
  `web-ext lint (dist/firefox): ${summary.errors} errors, ${summary.warnings} warnings, ${summary.notices} notices`,
);
if (summary.errors + summary.warnings > 0)
  fail(`web-ext lint found problems; see: npx web-ext lint --source-dir dist/firefox`);

function filesUnder(dir: string): ZipEntry[] {
  const out: ZipEntry[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push({ path: relative(dir, full).split(sep).join('/'), data: readFileSync(full) });
    }
  };
  walk(dir);
  return out;
}

/** The tracked files as they are in the work tree (what was just built), under one top-level folder. */
function sourceFiles(prefix: string): ZipEntry[] {
  // "<mode> <object> <stage>\t<path>": the mode keeps .ci/run and other scripts executable in the archive.
  const listed = execFileSync('git', ['ls-files', '-s', '-z'], { encoding: 'utf8' })
    .split('\0')
    .filter(Boolean)
    .map((line) => ({ mode: line.startsWith('100755') ? 0o755 : 0o644, path: line.slice(line.indexOf('\t') + 1) }));
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
  if (dirty)
    console.warn(
      `package: warning: tracked files have uncommitted changes; the source archive holds them as they are:\n${dirty}`,
    );
  // A tracked path deleted in the work tree, or a submodule/symlink to a folder, is not part of the source.
  return listed
    .filter(({ path }) => existsSync(path) && statSync(path).isFile())
    .map(({ path, mode }) => ({ path: `${prefix}/${path}`, data: readFileSync(path), mode }));
}

const inGit = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { encoding: 'utf8' }).stdout.trim() === 'true';
const archives: [string, ZipEntry[]][] = [
  [`secid-lens-chrome-${version}.zip`, filesUnder('dist/chrome')],
  [`secid-lens-firefox-${version}.xpi`, filesUnder('dist/firefox')],
];
// An unpacked source archive is not a git clone: a reviewer can still rebuild and compare the two extension archives.
if (inGit) archives.push([`secid-lens-source-${version}.zip`, sourceFiles(`secid-lens-${version}`)]);
else console.warn('package: not a git work tree: no source archive (it is made from the tracked files)');

// Archives of other versions stay; this version's are rewritten.
const sums: string[] = [];
for (const [name, entries] of archives) {
  const zip = createZip(entries);
  writeFileSync(join('dist', name), zip);
  const sha = createHash('sha256').update(zip).digest('hex');
  sums.push(`${sha}  ${name}`);
  console.log(
    `${name.padEnd(34)} ${String(entries.length).padStart(4)} files ${(zip.length / 1024).toFixed(1).padStart(8)} KiB  sha256 ${sha.slice(0, 16)}…`,
  );
}
const sumFile = join('dist', `secid-lens-${version}.sha256`);
rmSync(sumFile, { force: true });
writeFileSync(sumFile, `${sums.join('\n')}\n`);
console.log(`${sumFile}: check with (cd dist && sha256sum -c secid-lens-${version}.sha256)`);
