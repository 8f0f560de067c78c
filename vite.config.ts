import { readFileSync } from 'node:fs';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string };
const manifest = { ...JSON.parse(readFileSync('./manifest.json', 'utf8')), version: pkg.version } as ManifestV3Export;

// One build for Chrome; scripts/build.ts derives dist/firefox from it (background scripts + gecko settings).
export default defineConfig({
  publicDir: 'src/static',
  build: {
    outDir: 'dist/chrome',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    modulePreload: false,
    minify: process.env.NO_MINIFY ? false : 'oxc',
    rollupOptions: {
      input: {
        secidPage: 'src/secid-page/secid-page.html',
        // Permalinks copied from 0.1.0 cards point here; it forwards them to the SecID page.
        oldPermalink: 'src/resolve/resolve.html',
        welcome: 'src/welcome/welcome.html',
      },
    },
  },
  plugins: [
    crx({
      manifest,
      // A self-contained content script: no loader, no web-accessible chunks that pages could probe.
      contentScripts: { standaloneFiles: ['src/content/content-script.ts'] },
    }),
  ],
});
