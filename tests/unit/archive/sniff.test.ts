import { describe, expect, it } from 'vitest';
import { claimedFormat, sniff } from '../../../electron/core/archive/sniff';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('sniff: formats by content', () => {
  it.each([
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10)],
    ['png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0)],
    ['tiff', bytes(0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0)],
    ['tiff', bytes(0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8)],
    ['pdf', new TextEncoder().encode('%PDF-1.7\n')],
    ['pdf', new TextEncoder().encode('junk before the header %PDF-1.4\n')],
    ['html', new TextEncoder().encode('\uFEFF  <!-- saved from url -->\n<!DOCTYPE html><html>')],
    ['text', new TextEncoder().encode('Nghị quyết số 16-NQ/TW')],
    ['text', bytes(0xff, 0xfe, 0x41, 0x00)],
    ['empty', bytes()],
    ['ole', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0)],
    ['unknown-binary', bytes(0, 1, 2, 3, 4, 5, 0, 0)],
  ])('%s', (kind, b) => {
    expect(sniff(b).kind).toBe(kind);
  });

  it('tells a DOCX from another zip', () => {
    const zip = (entry: string) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode(`....${entry}....`)]);
    expect(sniff(zip('word/document.xml')).kind).toBe('docx');
    expect(sniff(zip('photos/a.jpg')).kind).toBe('zip');
  });

  it('reads what a name claims, for messages only', () => {
    expect(claimedFormat('Trang 1.JPG')).toBe('jpeg');
    expect(claimedFormat('a.tif')).toBe('tiff');
    expect(claimedFormat('bản sao.docx')).toBe('docx');
    expect(claimedFormat('không đuôi')).toBeNull();
  });
});
