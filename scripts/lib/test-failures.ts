// Names of the tests that failed, read from the suites' JSON reports, for the summary at the end of `npm test`:
// CI keeps only the tail of the output, and a count alone does not say which test to look at.

// Terminal colour codes in error messages (built from the escape's code: a literal trips no-control-regex).
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
export const firstLine = (text: string | undefined) =>
  (text ?? '').replace(ANSI_COLOUR, '').trim().split('\n')[0] ?? '';

interface PlaywrightSuite {
  title?: string;
  specs?: {
    title: string;
    file?: string;
    line?: number;
    ok?: boolean;
    tests?: { results?: { status?: string; error?: { message?: string } }[] }[];
  }[];
  suites?: PlaywrightSuite[];
}

/** "file:line › title: first line of the error" for each spec of a Playwright JSON report that did not pass. */
export function playwrightFailures(report: unknown): string[] {
  const out: string[] = [];
  const visit = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? []) {
      if (spec.ok !== false) continue;
      const failedResult = spec.tests
        ?.flatMap((t) => t.results ?? [])
        .find((r) => r.status !== 'passed' && r.status !== 'skipped');
      out.push(`${spec.file ?? '?'}:${spec.line ?? '?'} › ${spec.title}: ${firstLine(failedResult?.error?.message)}`);
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of (report as { suites?: PlaywrightSuite[] } | undefined)?.suites ?? []) visit(suite);
  return out;
}

interface VitestReport {
  testResults?: { assertionResults?: { fullName?: string; status?: string; failureMessages?: string[] }[] }[];
}

/** "full name: first line of the error" for each failed test of a vitest JSON report. */
export function vitestFailures(report: unknown): string[] {
  return ((report as VitestReport | undefined)?.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? [])
      .filter((a) => a.status === 'failed')
      .map((a) => `${a.fullName ?? '?'}: ${firstLine(a.failureMessages?.[0])}`),
  );
}

/** "name: first line of the error" for each failed test of the Firefox suite's JSON report (tests/firefox/run.ts). */
export function firefoxFailures(report: unknown): string[] {
  const tests = (report as { tests?: { name: string; ok: boolean; error?: string }[] } | undefined)?.tests ?? [];
  return tests.filter((t) => !t.ok).map((t) => `${t.name}: ${firstLine(t.error)}`);
}
