import { defineConfig } from 'vite';
import { STAGES, type StageName } from './src/content/stage-types.ts';

// A later stage of the content script (see src/content/stage-types.ts) as one self-contained IIFE file, for
// scripting.executeScript: the stage named by SECID_STAGE, its entry src/content/<stage>.ts (the lens: lens-stage.ts).
// Run by scripts/build.ts once per stage after the main build, into the same dist/chrome (which dist/firefox is then
// copied from).
const ENTRIES: Record<StageName, string> = {
  control: 'src/content/control-stage.ts',
  lens: 'src/content/lens-stage.ts',
  'card-ui': 'src/content/card-ui.ts',
};
const stage = process.env.SECID_STAGE as StageName;
if (!(stage in STAGES)) throw new Error(`SECID_STAGE must be one of: ${Object.keys(STAGES).join(', ')}`);
const out = STAGES[stage].file;

export default defineConfig({
  publicDir: false,
  build: {
    outDir: `dist/chrome/${out.slice(0, out.lastIndexOf('/'))}`,
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: false,
    minify: process.env.NO_MINIFY ? false : 'oxc',
    lib: {
      entry: ENTRIES[stage],
      formats: ['iife'],
      name: 'secidLensStage',
      fileName: () => out.slice(out.lastIndexOf('/') + 1),
    },
  },
});
