import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the shipped resources (fonts, icons, sample project) live: SUQUAN_RESOURCES when set (a
 * packaged Electron app sets it from process.resourcesPath before any service starts), otherwise
 * `resources/` in the application's root, the nearest folder above this code that holds a
 * package.json. That holds wherever the code runs from: the sources under tsx or vitest
 * (electron/core/), the CLI's bundle (out/host/chunks/), the Electron bundle (out/main/).
 */
let cached: string | undefined;

export function resourcesDir(): string {
  if (cached) return cached;
  const fromEnv = process.env.SUQUAN_RESOURCES;
  if (fromEnv && existsSync(fromEnv)) return (cached = fromEnv);
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) {
      const candidate = path.join(dir, 'resources');
      if (existsSync(path.join(candidate, 'fonts'))) return (cached = candidate);
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`Không tìm thấy thư mục resources/ của Sử Quán (fonts) trong thư mục gốc của ứng dụng phía trên ${here}; đặt SUQUAN_RESOURCES để chỉ đến nó.`);
}

export function resourcePath(...parts: string[]): string {
  return path.join(resourcesDir(), ...parts);
}
