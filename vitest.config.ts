import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // tests/bundle/ reads the built Electron bundles: `npm run test:bundles`, after `build:electron`.
    include: process.env.SUQUAN_BUNDLE_TESTS ? ['tests/bundle/**/*.test.ts'] : ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
