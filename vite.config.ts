import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy } from './shared/security';

/**
 * Writes the app's Content-Security-Policy into index.html as a <meta> tag, for the Electron
 * window loading from file:// (where no HTTP header carries it). frame-ancestors is dropped:
 * browsers ignore it in <meta>; browser mode sends the full policy as a header.
 */
export function cspMeta(): Plugin {
  const policy = contentSecurityPolicy
    .split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'suquan-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

// The renderer alone, for browser mode and the end-to-end tests (electron.vite.config.ts builds
// the same sources for the Electron window). `base: './'` so the build also loads from file://.
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: resolve(import.meta.dirname, 'renderer', 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
