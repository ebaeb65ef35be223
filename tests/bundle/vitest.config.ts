import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// The tests of the built Electron bundles (out/main, out/preload): `npm run test:bundles`, after
// `npm run build:electron` (the main test run leaves them out: they need the build).
export default defineConfig({
  root: resolve(import.meta.dirname, '..', '..'),
  test: {
    include: ['tests/bundle/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
