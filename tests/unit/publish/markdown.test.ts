import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { bookFromMarkdown } from '../../../electron/core/publish/index';
import { typesetCommand } from '../../../electron/host/cli/commands/typeset';
import { isUserFacingError } from '../../../shared/errors';
import { readPdf } from './pdfjs';

const SAMPLE = `---
title: Lịch sử Đảng bộ xã Tân Hòa
subtitle: (1930 – 2025)
author: Ban Chấp hành Đảng bộ xã Tân Hòa
trim: 160x240
bodySize: 12
footnoteNumbering: page
toc: front
credits:
  editorInChief: [Nguyễn Văn An]
colophon:
  publisher: Nhà xuất bản Chính trị quốc gia Sự thật
  price: Sách không bán
---

# Lời nói đầu

Cuốn sách được biên soạn theo Chỉ thị số 20-CT/TW.

# Thời kỳ 1930 – 1945 {.part}

# Vùng đất, con người

## Điều kiện tự nhiên

Xã Tân Hòa nằm bên bờ [Sông Hồng]{.place}, **đất đai màu mỡ**, *dân cư đông đúc*.[^1]

### Dân cư

Đồng chí [Nguyễn Văn Cừ]{.person} từng về đây.

# Kết luận

Những bài học kinh nghiệm.

[^1]: Số liệu năm 2025.

    Đoạn thứ hai của chú thích.
`;

describe('Markdown with YAML front matter → book', () => {
  it('reads the title block, the page setup, parts, chapters, front and back matter', () => {
    const b = bookFromMarkdown(SAMPLE);
    expect(b.title).toBe('Lịch sử Đảng bộ xã Tân Hòa');
    expect(b.subtitle).toBe('(1930 – 2025)');
    expect(b.setup).toMatchObject({ trim: '160x240', bodySize: 12, footnoteNumbering: 'page', tocPosition: 'front' });
    expect(b.credits?.editorInChief).toEqual(['Nguyễn Văn An']);
    expect(b.colophon?.price).toBe('Sách không bán');
    expect(b.front.map((c) => c.title)).toEqual(['Lời nói đầu']);
    expect(b.back.map((c) => c.title)).toEqual(['Kết luận']);
    const part = b.body[0]!;
    expect(part.kind).toBe('part');
    if (part.kind !== 'part') return;
    expect(part.chapters.map((c) => c.title)).toEqual(['Vùng đất, con người']);
    const blocks = part.chapters[0]!.blocks;
    expect(blocks.map((x) => x.kind)).toEqual(['heading', 'paragraph', 'heading', 'paragraph']);
    const para = blocks[1]!;
    if (para.kind !== 'paragraph') return;
    expect(para.runs.some((r) => r.kind === 'text' && r.bold && r.text === 'đất đai màu mỡ')).toBe(true);
    expect(para.runs.some((r) => r.kind === 'text' && r.italic && r.text === 'dân cư đông đúc')).toBe(true);
    expect(para.runs.some((r) => r.kind === 'index-term' && r.index === 'place' && r.term === 'Sông Hồng')).toBe(true);
    const note = para.runs.find((r) => r.kind === 'footnote');
    expect(note && note.kind === 'footnote' && note.content.length).toBe(2);
  });

  it('turns bold-led paragraphs into chronicle entries and header fences into document items', () => {
    const chron = bookFromMarkdown('---\ntitle: Biên niên\nlayout: chronicle\n---\n\n# Giai đoạn 1930 – 1945\n\n*1930 – 1945*\n\n## Năm 1930\n\n**Ngày 3-2-1930.** Thành lập Đảng.\n');
    const ch = chron.body[0]!;
    expect(ch.kind === 'chapter' && ch.subtitle).toBe('1930 – 1945');
    expect(ch.kind === 'chapter' && ch.blocks[1]).toMatchObject({ kind: 'chronicle-entry', dateLabel: 'Ngày 3-2-1930.' });
    const docs = bookFromMarkdown(
      '---\ntitle: Văn kiện\nlayout: documents\n---\n\n# Văn kiện 1961\n\n## Nghị quyết về nông nghiệp\n\n```header\nissuer: [Tỉnh ủy Hưng Yên, Huyện ủy Ân Thi]\nnumber: Số 05-NQ/HU\nplaceDate: Ân Thi, ngày 3 tháng 2 năm 1961\nsignature: [T/M HUYỆN ỦY, BÍ THƯ, Nguyễn Văn Bảy]\nsource: Lưu tại Kho Lưu trữ Tỉnh ủy Hưng Yên.\n```\n\nNội dung nghị quyết.\n',
    );
    const d = docs.body[0]!;
    expect(d.kind === 'chapter' && d.blocks[0]).toMatchObject({
      kind: 'document-item',
      title: 'Nghị quyết về nông nghiệp',
      header: { issuer: ['Tỉnh ủy Hưng Yên', 'Huyện ủy Ân Thi'], number: 'Số 05-NQ/HU' },
      signature: ['T/M HUYỆN ỦY', 'BÍ THƯ', 'Nguyễn Văn Bảy'],
    });
  });

  it('refuses an unknown trim size with a Vietnamese sentence', () => {
    try {
      // Any width x height from 50 to 1000 mm is a trim now: 10x10 is not.
      bookFromMarkdown('---\ntitle: X\ntrim: 10x10\n---\n\n# A\n\nB.\n');
      expect.unreachable();
    } catch (e) {
      expect(isUserFacingError(e)).toBe(true);
      expect((e as Error).message).toMatch(/khổ/);
    }
  });
});

describe('suquan typeset', () => {
  const ctx = (args: string[], flags: Record<string, string | boolean>) => ({ args, flags, json: true, info: () => {} });

  it('typesets a Markdown file with a figure into a PDF whose text reads back', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'suquan-cli-'));
    const png = await sharp({ create: { width: 400, height: 240, channels: 3, background: '#8a6' } }).png().toBuffer();
    writeFileSync(path.join(dir, 'anh.png'), png);
    writeFileSync(path.join(dir, 'sach.md'), SAMPLE.replace('### Dân cư', '![Trụ sở Đảng ủy xã Tân Hòa năm 1960](anh.png)\n\n### Dân cư'));
    const out = path.join(dir, 'sach.pdf');
    const res = await typesetCommand.run(ctx([path.join(dir, 'sach.md')], { out }));
    expect(existsSync(out)).toBe(true);
    expect(res.json).toMatchObject({ trim: '160x240' });
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    expect(text).toContain('Xã Tân Hòa nằm bên bờ Sông Hồng');
    expect(text).toContain('Trụ sở Đảng ủy xã Tân Hòa năm 1960');
    expect(text).toContain('Đoạn thứ hai của chú thích.');
    const images = execFileSync('pdfimages', ['-list', out], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/\b400\s+240\b/);
    const pdf = await readPdf(out);
    expect(pdf.info.Title).toBe('Lịch sử Đảng bộ xã Tân Hòa');
  });

  it('says in one Vietnamese sentence when the file does not exist', async () => {
    await expect(typesetCommand.run(ctx(['/khong/co/tep.md'], {}))).rejects.toSatisfy(
      (e: unknown) => isUserFacingError(e) && /Không đọc được tệp/.test((e as Error).message),
    );
  });
});
