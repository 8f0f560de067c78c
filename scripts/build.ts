// Build the extension: registry -> src/generated, vite + crxjs -> dist/chrome, then dist/firefox from it.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { firefoxManifest } from './firefox-manifest.ts';
import { STAGES } from '../src/content/stage-types.ts';

const run = (cmd: string, args: string[]) => {
  try {
    execFileSync(cmd, args, { stdio: 'inherit' });
  } catch {
    // The step already printed its reasons (file: field: reason for the registry).
    console.error(
      `build failed at: ${args
        .filter((a) => !a.startsWith('-'))
        .slice(-2)
        .join(' ')}`,
    );
    process.exit(1);
  }
};

run(process.execPath, ['--import', 'tsx', 'scripts/build-registry.ts']);
run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
// The SecID 1.0 shards are read at run time with fetch (src/shared/registry-data.ts), never bundled into a script.
cpSync('src/generated/secid-1.0', 'dist/chrome/secid-1.0', { recursive: true });
// The content script's later stages (control, the lens, the card UI), injected by the service worker when needed:
// each one a self-contained IIFE next to the first stage, not listed in the manifest nor web-accessible (see
// src/content/stage-types.ts).
for (const stage of Object.keys(STAGES)) {
  process.env.SECID_STAGE = stage;
  run(process.execPath, [
    'node_modules/vite/bin/vite.js',
    'build',
    '--config',
    'vite.stages.config.ts',
    '--logLevel',
    'warn',
  ]);
}

rmSync('dist/firefox', { recursive: true, force: true });
cpSync('dist/chrome', 'dist/firefox', { recursive: true });
// crxjs writes a dev-only marker and Chrome-only keys; Firefox gets background scripts and gecko settings.
const chrome = JSON.parse(readFileSync('dist/chrome/manifest.json', 'utf8')) as Record<string, unknown>;
writeFileSync('dist/firefox/manifest.json', `${JSON.stringify(firefoxManifest(chrome), null, 2)}\n`);
console.log(`built dist/chrome and dist/firefox (version ${String(chrome.version)})`);
