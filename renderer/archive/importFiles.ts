import type { ImportOutcome } from '../../shared/api/archive';
import { api, platform } from '../platform/platform';

/**
 * Imports files chosen or dropped by the user: by path where the platform knows it (Electron),
 * otherwise by sending the bytes (browser mode). One file at a time, so one bad file never stops
 * the rest and progress can be shown.
 */
export async function importFiles(files: File[], onProgress: (done: number, total: number, current: string) => void): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    onProgress(i, files.length, file.name);
    const path = platform.pathForFile(file);
    try {
      const report = path
        ? await api.archive.importPaths({ paths: [path] })
        : await api.archive.importBytes({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      outcomes.push(...report.outcomes);
    } catch (e) {
      outcomes.push({ input: file.name, status: 'rejected', reason: `${file.name}: ${(e as Error).message}` });
    }
  }
  onProgress(files.length, files.length, '');
  return outcomes;
}
