/**
 * What the welcome screen says about a recent project: the folder's name, its parent shortened in
 * the middle (whole folder names, never a name or a year cut in two). The backup policy the
 * first-run notes state is the one the scheduler applies (both read shared/api/backup.ts).
 */
import { describe, expect, it } from 'vitest';
import { middleEllipsis, parentFolder, projectFolderName } from '../../../renderer/shell/recentPath';

describe('recent project paths', () => {
  const deep = '/home/ban-bien-soan/Tài liệu/Dự án Sử Quán/Tỉnh Lai Châu/Huyện Tam Đường/Đảng bộ huyện Tam Đường (1949–2025).suquan';

  it('names the project by its folder, without .suquan', () => {
    expect(projectFolderName(deep)).toBe('Đảng bộ huyện Tam Đường (1949–2025)');
    expect(projectFolderName('C:\\Users\\An\\Documents\\Xã Hòa Lam.suquan')).toBe('Xã Hòa Lam');
  });

  it('gives the parent folder with its own separator', () => {
    expect(parentFolder(deep)).toBe('/home/ban-bien-soan/Tài liệu/Dự án Sử Quán/Tỉnh Lai Châu/Huyện Tam Đường');
    expect(parentFolder('C:\\Users\\An\\Xã Hòa Lam.suquan')).toBe('C:\\Users\\An');
  });

  it('keeps a short path whole', () => {
    expect(middleEllipsis('/home/an/Dự án', 48)).toBe('/home/an/Dự án');
  });

  it('shortens a long path in the middle, by whole folder names, keeping both ends', () => {
    const parent = parentFolder(deep);
    const short = middleEllipsis(parent, 48);
    expect(short.length).toBeLessThanOrEqual(48);
    expect(short).toContain('…');
    expect(short.startsWith('/home/')).toBe(true);
    expect(short.endsWith('/Huyện Tam Đường')).toBe(true);
    // Every piece but the ellipsis is a whole folder name of the path.
    const names = new Set(parent.split('/'));
    for (const piece of short.split('/')) if (piece !== '…') expect(names.has(piece)).toBe(true);
  });

  it('takes shorter names from one end when the other end\'s next name is too long', () => {
    expect(middleEllipsis('/tmp/abc/Tỉnh Lai Châu/Huyện Tam Đường/Phông Đảng bộ huyện Tam Đường/Mục lục số 1', 48)).toBe('/tmp/abc/Tỉnh Lai Châu/…/Mục lục số 1');
  });

  it('shortens a Windows path the same way', () => {
    const short = middleEllipsis('C:\\Users\\Ban biên soạn\\Documents\\Lưu trữ\\Tỉnh ủy Lai Châu\\Phông Đảng bộ huyện\\Dự án', 40);
    expect(short).toBe('C:\\Users\\…\\Phông Đảng bộ huyện\\Dự án');
  });

  it('keeps the end of a single very long folder name', () => {
    const short = middleEllipsis(`/${'Đảng bộ '.repeat(12)}(1949–2025)`, 30);
    expect(short.length).toBeLessThanOrEqual(30);
    expect(short.startsWith('…')).toBe(true);
    expect(short.endsWith('(1949–2025)')).toBe(true);
  });
});
