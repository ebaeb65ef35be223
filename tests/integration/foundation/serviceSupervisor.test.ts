/** Browser mode outlives its service process: a killed process is replaced at the next call. */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { superviseServices } from '../../../electron/core/remote/supervisor';
import { spawnServiceProcess } from '../../../electron/host/service/spawn';
import { tempDir } from './helpers';

const lost: string[] = [];
const services = superviseServices(
  (onLost) => spawnServiceProcess({ defaultParent: tempDir() }, onLost),
  (why) => lost.push(why),
);
const pid = async () => (await services.current()).pid;
afterAll(() => services.dispose());

describe('the service process supervisor', () => {
  it('answers one sentence for the call the crash cut off, then starts a fresh process', async () => {
    await services.ready;
    const dir = path.join(tempDir(), 'Dự án');
    expect((await services.dispatch('project', 'create', { path: dir, title: 'Thử' })).ok).toBe(true);
    const first = await pid();
    process.kill(first, 'SIGKILL');
    while (lost.length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(lost[0]).toContain('SIGKILL');
    // The next call starts a new process; the project is opened again from its folder, unharmed.
    const reopened = await services.dispatch('project', 'open', { path: dir });
    expect(reopened).toMatchObject({ ok: true, result: { title: 'Thử' } });
    expect(await pid()).not.toBe(first);
  });
});
