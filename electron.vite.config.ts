import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { cspMeta } from './vite.config';

// Builds the Electron shell: main (Node, ESM… bundled to CJS), preload (sandboxed, CJS) and renderer.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The shell (index.cjs) and the service process it starts as a utility process (service.cjs).
      // ocr-prepare.cjs: the thread that prepares scans for OCR (electron/core/ocr/preparePool.ts).
      lib: {
        entry: {
          index: resolve(__dirname, 'electron/app/main.ts'),
          service: resolve(__dirname, 'electron/host/service/main.ts'),
          'ocr-prepare': resolve(__dirname, 'electron/core/ocr/prepareWorker.ts'),
        },
        formats: ['cjs'],
      },
      rollupOptions: { external: ['better-sqlite3', 'sharp', 'electron', 'tesseract.js'], output: { entryFileNames: '[name].cjs' } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve(__dirname, 'electron/app/preload.ts'), formats: ['cjs'] },
      rollupOptions: { external: ['electron'], output: { entryFileNames: 'index.cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    plugins: [react(), cspMeta()],
    build: { outDir: resolve(__dirname, 'out/renderer'), rollupOptions: { input: resolve(__dirname, 'renderer/index.html') } },
  },
});
