import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../electron/host/cli/main';

describe('reading a suquan command line', () => {
  it('keeps the word after a boolean flag as a positional argument', () => {
    expect(parseCommandLine(['import', 'Dự án', '--folder-as-document', 'thư mục quét', 'a.jpg', '--json'])).toEqual({
      name: 'import',
      args: ['Dự án', 'thư mục quét', 'a.jpg'],
      flags: { 'folder-as-document': true, json: true },
    });
  });

  it('reads valued flags in both spellings, and -- ends the flags', () => {
    expect(parseCommandLine(['export', 'p', '--book', '3', '--out=sách.pdf', '--', '--not-a-flag'])).toEqual({
      name: 'export',
      args: ['p', '--not-a-flag'],
      flags: { book: '3', out: 'sách.pdf' },
    });
  });
});
