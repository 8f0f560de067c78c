// A minimal sequential test runner: one shared browser, a per-test time limit, one line per test and a closing
// "N passed, N failed" line (the plain form CI reads). No test framework: the suite is one process and ~20 tests.

export interface TestResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
  /** Why the test does not apply to this browser version (it counts as neither passed nor failed). */
  skipped?: string;
}

/** Thrown by a test (or a helper it calls) that cannot run on this browser version; the message says why. */
export class SkipTest extends Error {}

type TestFn<C> = (ctx: C) => Promise<void>;

export class Suite<C> {
  private readonly tests: { name: string; fn: TestFn<C>; timeoutMs: number }[] = [];

  test(name: string, fn: TestFn<C>, timeoutMs = 15_000): void {
    this.tests.push({ name, fn, timeoutMs });
  }

  get size(): number {
    return this.tests.length;
  }

  /** Runs tests whose name contains `filter` (all when empty), in order, printing a line per test. */
  async run(ctx: C, filter = ''): Promise<TestResult[]> {
    const results: TestResult[] = [];
    for (const t of this.tests.filter((x) => x.name.includes(filter))) {
      const started = performance.now();
      let error: string | undefined;
      let skipped: string | undefined;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          t.fn(ctx),
          new Promise<never>((_, fail) => {
            timer = setTimeout(() => fail(new Error(`timed out after ${t.timeoutMs} ms`)), t.timeoutMs);
          }),
        ]);
      } catch (e) {
        if (e instanceof SkipTest) skipped = e.message;
        else error = e instanceof Error ? e.message : String(e);
      } finally {
        clearTimeout(timer);
      }
      const ms = Math.round(performance.now() - started);
      if (skipped !== undefined) {
        results.push({ name: t.name, ok: true, ms, skipped });
        console.log(`  skip ${t.name} (${ms} ms)\n         ${skipped}`);
        continue;
      }
      results.push({ name: t.name, ok: error === undefined, ms, ...(error !== undefined ? { error } : {}) });
      console.log(
        `${error === undefined ? '  ok  ' : '  FAIL'} ${t.name} (${ms} ms)${error !== undefined ? `\n         ${error.replace(/\n/g, '\n         ')}` : ''}`,
      );
    }
    return results;
  }
}

/** Throws with `message` and both values unless `actual` deep-equals `expected` (JSON comparison). */
export function assertEqual(actual: unknown, expected: unknown, message: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message}: expected ${e}, got ${a}`);
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
