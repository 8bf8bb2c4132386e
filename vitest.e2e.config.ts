// Browser tests (e2e/): the real server as a child process, Debian Chromium via playwright-core.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
    // A busy CI machine takes seconds to render a lazy screen; expect.poll's default 1 s was
    // seen to fail at the first screen. Waits still end as soon as the page shows the text.
    expect: { poll: { timeout: 15_000 } },
  },
});
