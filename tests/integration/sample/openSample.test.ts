/**
 * "Mở dự án mẫu" as the welcome screen calls it (project.openSample through the real services):
 * made in the projects folder at first use, opened (not made again) the next time; a build that
 * fails leaves neither a half sample nor its working folder behind, and says why in one sentence.
 */
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../../shared/api/client';
import type { Api } from '../../../shared/api/index';
import { createServices } from '../../../electron/core/services';
import { buildSample } from '../../../electron/core/sample/buildSample';
import { sampleFolderName } from '../../../electron/core/sample/sampleFolder';
import { resourcePath } from '../../../electron/core/resources';
import { tempDir } from '../foundation/helpers';

describe('project.openSample', () => {
  it('makes the sample in the projects folder once, then opens it', async () => {
    const parent = tempDir('suquan-open-sample-');
    const app = createServices({ defaultParent: parent });
    const api = createClient((s, m, a) => app.dispatch(s, m, a)) as Api;
    try {
      const first = await api.project.openSample({});
      expect(first.created).toBe(true);
      expect(first.path).toBe(path.join(parent, sampleFolderName()));
      expect(first.documentCount).toBe(12);
      expect(first.bookCount).toBe(3);
      // Nothing else was left in the projects folder (the working folder was renamed into place).
      expect(readdirSync(parent)).toEqual([sampleFolderName()]);
      const history = (await api.manuscript.listBooks({}))[0]!;
      const book = await api.manuscript.getBook({ id: history.id });
      const reviewed = book.nodes.find((n) => n.status === 'review')!;
      expect((await api.manuscript.listRevisions({ nodeId: reviewed.id })).map((r) => r.note)).toContain('Bản thảo lần 1');
      const comments = await api.manuscript.listComments({ nodeId: reviewed.id });
      expect(comments).toHaveLength(2);
      expect(comments.filter((c) => c.resolvedAt)).toHaveLength(1);
      // Each comment is anchored in the chapter's text, on the passage it quotes.
      const chapter = JSON.stringify((await api.manuscript.getChapter({ id: reviewed.id })).doc);
      for (const c of comments) expect(chapter).toContain(`"commentId":${c.id}`);

      await api.project.close({});
      const again = await api.project.openSample({});
      expect(again.created).toBe(false);
      expect(again.path).toBe(first.path);
      expect((await api.project.locations({})).recent[0]).toBe(first.path);
    } finally {
      await app.dispose();
    }
  }, 240_000);

  it('leaves nothing behind when the sample cannot be made, and says why', async () => {
    const spec = path.join(tempDir('suquan-broken-sample-'), 'sample');
    cpSync(resourcePath('sample'), spec, { recursive: true });
    // A chapter naming a document the archive does not have: found only once the books are written.
    writeFileSync(path.join(spec, 'books', 'lich-su', 'chuong-2.md'), 'Một câu.[^1]\n\n[^1]: Xem [[D99]].\n');
    const parent = tempDir('suquan-broken-target-');
    const target = path.join(parent, 'Mẫu');
    await expect(buildSample(target, { specDir: spec })).rejects.toThrow(/D99/);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  }, 240_000);
});
