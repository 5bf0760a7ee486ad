import { defineConfig } from '@playwright/test'

// e2e runs the production build against its own stack on ports of its own,
// so a running `npm start` is never disturbed.
process.env.FIELDSYNC_WEB_PORT ??= '4173'
process.env.FIELDSYNC_EDGE_PORT ??= '8788'
process.env.FIELDSYNC_EMULATOR_PORT ??= '9401'
const baseURL = `http://127.0.0.1:${process.env.FIELDSYNC_WEB_PORT}`

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Budgets for a busy machine (CI shares two cores with everything else): a journey waits on conditions, and
  // these only bound how long a condition may take before it counts as never. An idle machine never nears them.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // One worker: every spec shares the stack's emulator and edge, so specs must not interleave.
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    viewport: { width: 1024, height: 768 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node scripts/start.ts --fresh --persist-to .wrangler/e2e-state',
    url: baseURL,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
})
