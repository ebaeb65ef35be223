import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // tests/bundle/ reads the built Electron bundles: `npm run test:bundles` (tests/bundle/vitest.config.ts), after `build:electron`.
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
