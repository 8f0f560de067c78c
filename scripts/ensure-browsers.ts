// The browsers the tests and the demo need: Debian's installed builds, installed with apt when we can (CI runs as
// root), and a second build at the other end of the supported range, unpacked beside the project without root
// changes (apt-get download + dpkg -x into .browsers/), so npm test runs on both ends.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

type Name = 'chromium' | 'firefox';

interface BrowserPackage {
  /** Where Debian installs it. */
  paths: string[];
  env: string;
  /** The package that holds the binary, then the packages it needs at the same version. */
  packages: string[];
  /** The binary inside an unpacked package. */
  binary: string;
}

const BROWSERS: Record<Name, BrowserPackage> = {
  chromium: {
    paths: ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'],
    env: 'CHROMIUM_PATH',
    // chromium-l10n: the UI languages (the German-locale e2e test needs de.pak).
    packages: ['chromium', 'chromium-common', 'chromium-l10n'],
    binary: 'usr/lib/chromium/chromium',
  },
  firefox: {
    paths: ['/usr/bin/firefox-esr', '/usr/bin/firefox'],
    env: 'FIREFOX_PATH',
    packages: ['firefox-esr'],
    binary: 'usr/lib/firefox-esr/firefox-esr',
  },
};

const BUILDS_DIR = resolve('.browsers');

/** One browser build a suite runs on. `path` undefined means "the default lookup" (tests/support/browsers.ts). */
export interface BrowserBuild {
  name: Name;
  label: string;
  path?: string;
}

const quiet = { stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'], encoding: 'utf8' as const };
const isRoot = () => process.getuid?.() === 0;
const hasApt = () => existsSync('/usr/bin/apt-get');

export function ensureBrowsers(names: Name[]): void {
  const missing = names.filter((n) => {
    const b = BROWSERS[n];
    const custom = process.env[b.env];
    return !(custom && existsSync(custom)) && !b.paths.some((p) => existsSync(p));
  });
  if (missing.length === 0) return;
  const pkgs = missing.flatMap((n) => BROWSERS[n].packages.filter((p) => p !== 'chromium-common'));
  if (!isRoot() || !hasApt()) {
    throw new Error(
      `Missing browser(s): ${missing.join(', ')}. Install them: sudo apt-get install -y ${pkgs.join(' ')} (or set ${missing.map((n) => BROWSERS[n].env).join(' / ')}).`,
    );
  }
  console.log(`Installing ${pkgs.join(' ')} from Debian (once)...`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...pkgs], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function installedVersion(pkg: string): string | undefined {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], quiet).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Versions apt can fetch, from `apt-cache policy` (the version table's lines). */
function availableVersions(pkg: string): string[] {
  try {
    const table = execFileSync('apt-cache', ['policy', pkg], quiet).split('Version table:')[1] ?? '';
    return [...table.matchAll(/^\s+(?:\*\*\*\s+)?(\S+)\s+-?\d+\s*$/gm)].map((m) => m[1]!).filter((v) => v !== '(none)');
  } catch {
    return [];
  }
}

function compareVersions(a: string, b: string): number {
  try {
    execFileSync('dpkg', ['--compare-versions', a, 'lt', b], quiet);
    return -1;
  } catch {
    return a === b ? 0 : 1;
  }
}

/** The build at the other end of what Debian offers: the oldest when the newest is installed, and the reverse. */
function otherEndVersion(name: Name): string | undefined {
  const pkg = BROWSERS[name].packages[0]!;
  const installed = installedVersion(pkg);
  if (!installed) return undefined;
  let versions = availableVersions(pkg);
  if (versions.length < 2 && isRoot()) {
    // A machine whose package lists were never fetched knows only what is installed.
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    versions = availableVersions(pkg);
  }
  const sorted = [...new Set(versions)].sort(compareVersions);
  const oldest = sorted[0];
  const newest = sorted[sorted.length - 1];
  if (!oldest || !newest || oldest === newest) return undefined;
  return installed === oldest ? newest : oldest;
}

/** Unpacks `name` at `version` into .browsers/ once and returns its binary. */
function unpack(name: Name, version: string): string {
  const browser = BROWSERS[name];
  const dir = join(BUILDS_DIR, `${name}-${version.replace(/[^\w.+-]/g, '_')}`);
  const binary = join(dir, browser.binary);
  if (existsSync(binary)) return binary;
  const work = `${dir}.partial`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'debs'), { recursive: true });
  console.log(`Fetching ${browser.packages.join(' ')} ${version} into ${dir} (once)...`);
  execFileSync('apt-get', ['download', ...browser.packages.map((p) => `${p}=${version}`)], {
    cwd: join(work, 'debs'),
    stdio: 'inherit',
  });
  for (const deb of readdirSync(join(work, 'debs')))
    execFileSync('dpkg', ['-x', join(work, 'debs', deb), work], { stdio: 'inherit' });
  rmSync(join(work, 'debs'), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  renameSync(work, dir);
  return binary;
}

function versionOf(name: Name, path: string | undefined): string {
  try {
    const out = execFileSync(path ?? BROWSERS[name].paths.find((p) => existsSync(p))!, ['--version'], quiet);
    return /(\d+(?:\.\d+)+)/.exec(out)?.[1] ?? '?';
  } catch {
    return '?';
  }
}

/**
 * The builds to run a browser's suite on: $CHROMIUM_PATH / $FIREFOX_PATH alone when set; otherwise the installed
 * build and, unless SECID_OTHER_END=0, the other end of Debian's range. A failure to fetch the other end is reported
 * as a failed build (a suite that silently ran on one end would hide what the range promises).
 */
export function browserBuilds(name: Name): BrowserBuild[] {
  const custom = process.env[BROWSERS[name].env];
  if (custom) return [{ name, label: `${name} ${versionOf(name, custom)}`, path: custom }];
  const builds: BrowserBuild[] = [{ name, label: `${name} ${versionOf(name, undefined)}` }];
  if (process.env.SECID_OTHER_END === '0' || !hasApt()) return builds;
  const version = otherEndVersion(name);
  if (!version) {
    console.log(`(${name}: Debian offers no second version here; testing the installed build only)`);
    return builds;
  }
  const path = unpack(name, version);
  builds.push({ name, label: `${name} ${versionOf(name, path)}`, path });
  return builds;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const names = process.argv.slice(2) as Name[];
  ensureBrowsers(names);
  for (const n of names) for (const b of browserBuilds(n)) console.log(`${b.label}: ${b.path ?? 'installed'}`);
}
