import { describe, expect, it } from 'vitest';
import { firefoxFailures, firstLine, playwrightFailures, vitestFailures } from '../../scripts/lib/test-failures.ts';

describe('the failed tests named in the summary of npm test', () => {
  it('takes the first line of an error, without terminal colours', () => {
    expect(firstLine('\u001b[31mError: expect(received)\u001b[39m\n\nExpected: < 16')).toBe('Error: expect(received)');
    expect(firstLine(undefined)).toBe('');
  });

  it('lists the specs of a Playwright report that did not pass, nested suites included', () => {
    const report = {
      suites: [
        {
          title: 'a.spec.ts',
          specs: [
            { title: 'passes', file: 'a.spec.ts', line: 3, ok: true, tests: [{ results: [{ status: 'passed' }] }] },
            {
              title: 'fails',
              file: 'a.spec.ts',
              line: 9,
              ok: false,
              tests: [{ results: [{ status: 'failed', error: { message: 'Error: boom\n  at x' } }] }],
            },
          ],
          suites: [
            {
              title: 'inner',
              specs: [
                {
                  title: 'times out',
                  file: 'a.spec.ts',
                  line: 20,
                  ok: false,
                  tests: [{ results: [{ status: 'timedOut' }] }],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(playwrightFailures(report)).toEqual(['a.spec.ts:9 › fails: Error: boom', 'a.spec.ts:20 › times out: ']);
    expect(playwrightFailures(undefined)).toEqual([]);
  });

  it('lists the failed tests of a vitest report and of the Firefox suite', () => {
    const vitest = {
      testResults: [
        {
          assertionResults: [
            { fullName: 'parse works', status: 'passed', failureMessages: [] },
            { fullName: 'parse fails', status: 'failed', failureMessages: ['AssertionError: nope\n at y'] },
          ],
        },
      ],
    };
    expect(vitestFailures(vitest)).toEqual(['parse fails: AssertionError: nope']);
    const firefox = {
      tests: [
        { name: 'popup', ok: true },
        { name: 'card', ok: false, error: 'timed out\nmore' },
      ],
    };
    expect(firefoxFailures(firefox)).toEqual(['card: timed out']);
    expect(vitestFailures(undefined)).toEqual([]);
    expect(firefoxFailures(undefined)).toEqual([]);
  });
});
