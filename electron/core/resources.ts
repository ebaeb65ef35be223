import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the shipped resources (fonts, icons, sample project) live.
 * In the repository and under tsx this is `<repo>/resources`; a packaged Electron app sets
 * SUQUAN_RESOURCES (electron/app does, from process.resourcesPath) before any service starts.
 */
let cached: string | undefined;

export function resourcesDir(): string {
  if (cached) return cached;
  const fromEnv = process.env.SUQUAN_RESOURCES;
  if (fromEnv && existsSync(fromEnv)) return (cached = fromEnv);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'resources');
    if (existsSync(path.join(candidate, 'fonts'))) return (cached = candidate);
    dir = path.dirname(dir);
  }
  throw new Error('Không tìm thấy thư mục resources/ của Sử Quán (fonts).');
}

export function resourcePath(...parts: string[]): string {
  return path.join(resourcesDir(), ...parts);
}
