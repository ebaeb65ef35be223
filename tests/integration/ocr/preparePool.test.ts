/**
 * Preparing scans off the service's main thread: the worker thread (started from the TypeScript
 * source here, from the bundles in the app) gives exactly what preparing on the calling thread
 * gives, reports a damaged image with the same sentence, and is replaced after it dies.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PreparePool } from '../../../electron/core/ocr/preparePool';
import { prepareForOcr } from '../../../electron/core/ocr/preprocess';
import { makeScan } from '../../fixtures/scans';

const pool = new PreparePool();
afterAll(() => pool.close());

describe('the preparation thread', () => {
  it('prepares a page in its own thread, identical to preparing it here', async () => {
    const scan = await makeScan('NGHỊ QUYẾT\nvề công tác xây dựng Đảng ở vùng cao', { rotate: 2, yellowed: true, dpi: 120, seed: 5 });
    const [there, here] = await Promise.all([pool.prepare(scan, { rotation: 0 }), prepareForOcr(scan, { rotation: 0 })]);
    expect(pool.threaded).toBe(true);
    expect(there.preparation).toEqual(here.preparation);
    expect([there.width, there.height, there.sourceWidth, there.sourceHeight]).toEqual([here.width, here.height, here.sourceWidth, here.sourceHeight]);
    expect(Buffer.compare(there.png, here.png)).toBe(0);
  });

  it('reports an unreadable image as preparing here would, and keeps working', async () => {
    const bad = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const hereError = await prepareForOcr(bad).catch((e: Error) => e.message);
    await expect(pool.prepare(bad, {})).rejects.toThrow(hereError as string);
    const ok = await pool.prepare(await makeScan('Biên bản', { dpi: 80, seed: 6 }), {});
    expect(ok.width).toBeGreaterThan(0);
  });

  it('starts a new thread after the old one died', async () => {
    await pool.close();
    expect(pool.threaded).toBe(false);
    const p = await pool.prepare(await makeScan('Chỉ thị', { dpi: 80, seed: 7 }), {});
    expect(p.width).toBeGreaterThan(0);
    expect(pool.threaded).toBe(true);
  });
});
