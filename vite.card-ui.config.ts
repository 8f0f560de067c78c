import { defineConfig } from 'vite';

// The content script's second stage (src/content/card-ui.ts) as one IIFE file, for scripting.executeScript. Run by
// scripts/build.ts after the main build, into the same dist/chrome (which dist/firefox is then copied from).
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/chrome/src/content',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: false,
    minify: process.env.NO_MINIFY ? false : 'oxc',
    lib: { entry: 'src/content/card-ui.ts', formats: ['iife'], name: 'secidLensCardUi', fileName: () => 'card-ui.js' },
  },
});
