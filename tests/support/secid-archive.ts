import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createZip, type ZipEntry } from '../../scripts/zip.ts';

export const SECID_FIXTURE = 'tests/fixtures/secid-registry';

/** A .zip laid out like GitHub's "Download ZIP" of CloudSecurityAlliance/SecID, built from the test fixtures. */
export function fixtureArchive(top = 'SecID-abc1234'): Buffer {
  const entries: ZipEntry[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else
        entries.push({
          path: `${top}/${relative(SECID_FIXTURE, path).split('\\').join('/')}`,
          data: readFileSync(path),
        });
    }
  };
  walk(SECID_FIXTURE);
  entries.push({ path: `${top}/README.md`, data: Buffer.from('not a registry file\n') });
  return createZip(entries);
}
