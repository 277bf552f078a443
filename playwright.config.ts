import { defineConfig } from '@playwright/test';

// Several checkouts may run browser tests at once: each can pick its own port and build folder.
const port = Number(process.env.EDDY_E2E_PORT ?? 4173);
const outDir = process.env.EDDY_E2E_OUTDIR ?? 'dist';

// Debian's Chromium, never a downloaded browser (see scripts/ensure-chromium.sh).
export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.EDDY_E2E_PORT ? `test-results/${port}` : 'test-results',
  // Generous limits: CI runs on a loaded 2-core machine, and a test waits for conditions, so a
  // longer limit costs a passing test nothing; it only bounds a hang.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.EDDY_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `npx vite build --logLevel warn --outDir ${outDir} && npx vite preview --strictPort --port ${port} --outDir ${outDir}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 180_000,
  },
});
