import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareNatural, expandInputs } from '../../../electron/core/archive/walk';

describe('natural name order', () => {
  it('puts page2 before page10 and sorts Vietnamese letters in their order', () => {
    expect(['page10.jpg', 'page2.jpg', 'page1.jpg'].sort(compareNatural)).toEqual(['page1.jpg', 'page2.jpg', 'page10.jpg']);
    expect(['trang 10', 'Trang 9', 'trang 100'].sort(compareNatural)).toEqual(['Trang 9', 'trang 10', 'trang 100']);
    expect(['đ.jpg', 'e.jpg', 'd.jpg'].sort(compareNatural)).toEqual(['d.jpg', 'đ.jpg', 'e.jpg']);
  });

  it('orders NFD and NFC names the same way', () => {
    const nfd = 'Biên bản 2.jpg'.normalize('NFD');
    expect([nfd, 'Biên bản 10.jpg', 'Biên bản 1.jpg'].sort(compareNatural)).toEqual(['Biên bản 1.jpg', nfd, 'Biên bản 10.jpg']);
  });
});

describe('expanding inputs', () => {
  const tree = () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'suquan-walk-'));
    mkdirSync(path.join(root, 'hồ sơ', 'phụ lục'), { recursive: true });
    for (const f of ['hồ sơ/trang10.jpg', 'hồ sơ/trang2.jpg', 'hồ sơ/phụ lục/a.png', 'hồ sơ/.DS_Store', 'hồ sơ/Thumbs.db', 'lẻ.pdf']) {
      writeFileSync(path.join(root, f), 'x');
    }
    return root;
  };

  it('walks folders recursively, skipping hidden and system files', () => {
    const root = tree();
    const units = expandInputs([path.join(root, 'hồ sơ'), path.join(root, 'lẻ.pdf'), path.join(root, 'không có')], false);
    expect(units.map((u) => (u.kind === 'missing' ? `missing:${path.basename(u.path)}` : path.relative(root, u.path)))).toEqual([
      path.join('hồ sơ', 'phụ lục', 'a.png'),
      path.join('hồ sơ', 'trang2.jpg'),
      path.join('hồ sơ', 'trang10.jpg'),
      'lẻ.pdf',
      'missing:không có',
    ]);
  });

  it('makes one unit per folder when a folder is one document', () => {
    const root = tree();
    const units = expandInputs([path.join(root, 'hồ sơ')], true);
    expect(units).toEqual([
      { kind: 'folder', path: path.join(root, 'hồ sơ', 'phụ lục'), files: [path.join(root, 'hồ sơ', 'phụ lục', 'a.png')] },
      { kind: 'folder', path: path.join(root, 'hồ sơ'), files: [path.join(root, 'hồ sơ', 'trang2.jpg'), path.join(root, 'hồ sơ', 'trang10.jpg')] },
    ]);
  });
});
