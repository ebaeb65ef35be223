/**
 * Loads a built CommonJS bundle the way Electron's sandboxed preload runs: in a fresh `vm`
 * context whose `require` knows only what the sandbox allows ('electron' — here a recording
 * stand-in — 'events', 'timers', 'url'). Anything else throws, as it would in the window.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';

export const SANDBOX_MODULES = ['electron', 'events', 'timers', 'url'] as const;

export function loadSandboxedPreload(file: string, electron: unknown): void {
  const nodeRequire = createRequire(import.meta.url);
  const sandboxRequire = (name: string) => {
    const bare = name.replace(/^node:/, '');
    if (bare === 'electron') return electron;
    if ((SANDBOX_MODULES as readonly string[]).includes(bare)) return nodeRequire(bare);
    throw new Error(`module not found: ${name} (a sandboxed preload can load only ${SANDBOX_MODULES.join(', ')})`);
  };
  const module = { exports: {} as unknown };
  const code = readFileSync(file, 'utf8');
  const context = vm.createContext({ console, setTimeout, clearTimeout, queueMicrotask, Promise });
  const wrapper = vm.runInContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, context, { filename: file }) as (
    ...args: unknown[]
  ) => void;
  wrapper(module.exports, sandboxRequire, module, file, '.');
}
