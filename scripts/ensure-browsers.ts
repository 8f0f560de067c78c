// Make sure the system browsers the tests and the demo need are there; install them from Debian when we can (CI runs as root).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const BROWSERS: Record<string, { paths: string[]; env: string; pkg: string }> = {
  chromium: { paths: ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'], env: 'CHROMIUM_PATH', pkg: 'chromium' },
  firefox: { paths: ['/usr/bin/firefox-esr', '/usr/bin/firefox'], env: 'FIREFOX_PATH', pkg: 'firefox-esr' },
};

export function ensureBrowsers(names: (keyof typeof BROWSERS)[]): void {
  const missing = names.filter((n) => {
    const b = BROWSERS[n]!;
    const custom = process.env[b.env];
    return !(custom && existsSync(custom)) && !b.paths.some((p) => existsSync(p));
  });
  if (missing.length === 0) return;
  const pkgs = missing.map((n) => BROWSERS[n]!.pkg);
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    throw new Error(`Missing browser(s): ${missing.join(', ')}. Install them: sudo apt-get install -y ${pkgs.join(' ')} (or set ${missing.map((n) => BROWSERS[n]!.env).join(' / ')}).`);
  }
  console.log(`Installing ${pkgs.join(' ')} from Debian (once)...`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBrowsers(process.argv.slice(2) as (keyof typeof BROWSERS)[]);
