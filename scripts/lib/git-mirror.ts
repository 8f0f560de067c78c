// Reads files from a bare git mirror (as the `fetch` tool leaves it) without a work tree: one `git ls-tree`, then one
// `git cat-file --batch` for every file, which is far faster than a `git show` per file over thousands of files.
import { execFileSync } from 'node:child_process';

export interface MirrorFile {
  path: string;
  text: string;
}

export function headCommit(gitDir: string): string {
  return execFileSync('git', ['-C', gitDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
}

export function commitDate(gitDir: string): string {
  return execFileSync('git', ['-C', gitDir, 'log', '-1', '--format=%cs', 'HEAD'], { encoding: 'utf8' }).trim();
}

/** Every file below the given folders at HEAD whose path passes `keep`. */
export function readMirrorFiles(
  gitDir: string,
  folders: string[],
  keep: (path: string) => boolean = () => true,
): MirrorFile[] {
  const listing = execFileSync('git', ['-C', gitDir, 'ls-tree', '-r', '--name-only', 'HEAD', '--', ...folders], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const paths = listing.split('\n').filter((p) => p !== '' && keep(p));
  if (paths.length === 0) return [];
  const out = execFileSync('git', ['-C', gitDir, 'cat-file', '--batch'], {
    input: paths.map((p) => `HEAD:${p}`).join('\n') + '\n',
    maxBuffer: 1 << 30,
  });
  const files: MirrorFile[] = [];
  let at = 0;
  for (const path of paths) {
    const nl = out.indexOf(0x0a, at);
    const header = out.subarray(at, nl).toString('utf8');
    const size = Number(header.split(' ')[2]);
    if (!Number.isFinite(size)) throw new Error(`git cat-file: unexpected header "${header}" for ${path}`);
    files.push({ path, text: out.subarray(nl + 1, nl + 1 + size).toString('utf8') });
    at = nl + 1 + size + 1;
  }
  return files;
}
