/**
 * What `npm start` was asked to open first: `--sample` (the sample project, made at first use) or
 * `--open DIR` (a project folder). The desktop shell and browser mode read the same arguments and
 * open the project through the service, before the window asks which project is open.
 */
import path from 'node:path';
import type { WireResponse } from '../../shared/api/contract';

export type StartProject = { kind: 'sample' } | { kind: 'open'; path: string } | null;

export function startProjectOf(argv: readonly string[]): StartProject {
  if (argv.includes('--sample')) return { kind: 'sample' };
  const i = argv.findIndex((a) => a === '--open' || a.startsWith('--open='));
  if (i < 0) return null;
  const dir = argv[i]!.startsWith('--open=') ? argv[i]!.slice('--open='.length) : argv[i + 1];
  return dir ? { kind: 'open', path: path.resolve(dir) } : null;
}

/** Opens it through the services, saying what it does (`info`) and, in one sentence, why it could not (`error`). */
export async function openAtStart(
  start: StartProject,
  dispatch: (service: string, method: string, args: unknown) => Promise<WireResponse>,
  say: { info(line: string): void; error(line: string): void },
): Promise<void> {
  if (!start) return;
  if (start.kind === 'sample') say.info('Đang mở dự án mẫu (lần đầu cần khoảng nửa phút để tạo các bản quét)…');
  const r = start.kind === 'sample' ? await dispatch('project', 'openSample', {}) : await dispatch('project', 'open', { path: start.path });
  if (!r.ok) say.error(r.error.message);
  else if (start.kind === 'sample') say.info(`Đã mở dự án mẫu: ${(r.result as { path: string }).path}`);
}
