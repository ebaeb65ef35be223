import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { cspMeta } from './cspPlugin';

// The renderer alone, for browser mode and the end-to-end tests (electron.vite.config.ts builds
// the same sources for the Electron window). `base: './'` so the build also loads from file://.
export default defineConfig({
  root: resolve(import.meta.dirname, '.'),
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
