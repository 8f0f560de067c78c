import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: 'out/test-results/playwright.json' }]]
    : [['list'], ['json', { outputFile: 'out/test-results/playwright.json' }]],
  outputDir: 'test-results',
  use: { trace: 'off', screenshot: 'only-on-failure' },
});
