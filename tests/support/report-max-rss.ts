// Preloaded into a CLI run by tests (node --import): prints the process's peak resident memory when it exits, so a
// test can assert a memory bound without /usr/bin/time.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nsecid-test-max-rss-kb=${process.resourceUsage().maxRSS}\n`);
});
