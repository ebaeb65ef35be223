/**
 * A web page too large for Readability (it runs on the thread that serves the app and cannot be
 * stopped) is imported as plain text, every word of it, with a warning saying so; a page nested
 * thousands deep is flattened and still read by Readability; an ordinary article is not touched.
 * Pages are real files, imported through the archive service (the warning read from the file's
 * outcome) or read by the importer the service runs (readSource).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSource } from '../../../electron/core/archive/importers/index';
import { htmlToPlainText } from '../../../electron/core/archive/importers/htmlText';
import { openNewProject, tempDir } from './fixtures';

const page = (body: string, title = 'Lịch sử Đảng bộ xã') => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><script>var menu = "<nav>x</nav>";</script></head><body>${body}</body></html>`;

function write(name: string, html: string): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, html);
  return file;
}

/** The page's text as the archive stored it, and the warnings the import reported for the file. */
async function imported(file: string): Promise<{ text: string; warnings: string[] | undefined }> {
  const p = await openNewProject();
  try {
    const r = await p.api.archive.importPaths({ paths: [file] });
    const o = r.outcomes[0];
    if (o?.status !== 'imported') throw new Error(JSON.stringify(r.outcomes));
    expect(o.pages).toBe(1);
    const doc = await p.api.archive.getDocument({ id: o.documentId });
    return { text: (await p.api.archive.getPageText({ pageId: doc.pages[0]!.id })).text, warnings: o.warnings };
  } finally {
    await p.close();
  }
}

describe('HTML extraction within a budget', () => {
  it('reads 100,000 unclosed <li><p> as plain text, every item, and says so', async () => {
    const items = Array.from({ length: 100_000 }, (_, i) => `<li><p>mục ${i + 1}`).join('');
    const file = write('danh sách.html', page(`<nav>Trang chủ | Tin tức</nav><ul>${items}</ul><footer>Bản quyền</footer>`));
    const { text, warnings } = await imported(file);
    expect(warnings).toEqual([expect.stringMatching(/^Trang web quá phức tạp để tách riêng phần bài viết \(200\.\d{3} thẻ HTML\); đã nhập toàn bộ chữ của trang/)]);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Lịch sử Đảng bộ xã');
    expect(lines.filter((l) => /^mục \d+$/.test(l))).toHaveLength(100_000);
    expect(lines.at(-1)).toBe('mục 100000');
    // The menu, the footer and the script's text are not the page's text.
    expect(text).not.toMatch(/Trang chủ|Bản quyền|var menu/);
  });

  it('reads a million <br> as lines of plain text', async () => {
    const file = write('dòng.html', page(`<p>${'dòng<br>'.repeat(1_000_000)}hết</p>`));
    const source = await readSource(file, 'dòng.html');
    expect(source.warnings?.[0]).toContain('1.000.007 thẻ HTML');
    const lines = source.pages[0]!.text.split('\n');
    expect(lines.filter((l) => l === 'dòng')).toHaveLength(1_000_000);
    expect(lines.at(-1)).toBe('hết');
  });

  it('still finds the article of a page nested 3,000 deep, without a warning', async () => {
    const article = '<p>Ngày 19 tháng 8 năm 1945, nhân dân trong xã nổi dậy giành chính quyền, lập Ủy ban nhân dân cách mạng lâm thời của xã.</p>'.repeat(4);
    const file = write('sâu.html', page(`${'<div>'.repeat(3000)}${article}${'</div>'.repeat(3000)}`));
    const source = await readSource(file, 'sâu.html');
    expect(source.warnings).toBeUndefined();
    expect(source.pages[0]!.text.match(/nổi dậy giành chính quyền/g)).toHaveLength(4);
  });

  it('leaves an ordinary article to Readability: menus and related links go', async () => {
    const file = write('bài.html', page(`<div class="menu"><a href="/">Trang chủ</a></div><article><h1>Khởi nghĩa giành chính quyền</h1>${'<p>Đảng bộ lãnh đạo nhân dân trong xã đứng lên giành chính quyền, xây dựng chính quyền cách mạng và bảo vệ thành quả cách mạng.</p>'.repeat(20)}</article><div class="tin-lien-quan"><h3>Tin liên quan</h3><ul><li><a href="/x">Bài khác</a></li></ul></div>`));
    const source = await readSource(file, 'bài.html');
    expect(source.warnings).toBeUndefined();
    expect(source.pages[0]!.text).toContain('Đảng bộ lãnh đạo nhân dân');
    expect(source.pages[0]!.text).not.toMatch(/Trang chủ|Bài khác/);
  });
});

describe('htmlToPlainText', () => {
  it('decodes character references, keeps cells apart by tabs and skips raw text', () => {
    const { title, text } = htmlToPlainText(
      '<title>Ch&#7911; t&ecirc;n &amp; ngày</title><style>p{}</style><p>Đ&agrave; N&#x1EB5;ng &lt;1945&gt; a < b</p><table><tr><td>ô 1</td><td>ô 2</td></tr></table><svg><text>vẽ</text></svg><textarea><p>không</p></textarea>cuối',
    );
    expect(title).toBe('Chủ tên & ngày');
    expect(text).toBe('Đà Nẵng <1945> a < b\n\nô 1\tô 2\n\ncuối');
  });
});
