import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

// The e2e configuration (Debian's Chromium, the built app on its own port), with the screenshot
// script as its only "test". The app is built and served from the repository root.
const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  ...base,
  testDir: '.',
  outputDir: `${root}/test-results/screenshots`,
  webServer: { ...(base.webServer as Exclude<typeof base.webServer, unknown[] | undefined>), cwd: root },
});
