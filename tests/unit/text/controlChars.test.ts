/** The two cleaners of shared/text/controlChars.ts: what each keeps and what each removes. */
import { describe, expect, it } from 'vitest';
import { printable, printableLines, stripControls, stripControlsDeep } from '../../../shared/text/controlChars';

describe('stripControls (text kept or written into XML)', () => {
  it('drops C0 but tab, LF and CR; DEL; C1; lone surrogates; U+FFFE/U+FFFF', () => {
    expect(stripControls('a\u0000b\u0007c\u001b[31md\u001ae\u000bf\u000cg\u007fh\u0085i\u009bj\ufffek\uffffl')).toBe('abc[31mdefghijkl');
    expect(stripControls('x\ud800y\udc00z')).toBe('xyz');
    expect(stripControls('dòng 1\tô\r\ndòng 2\n')).toBe('dòng 1\tô\r\ndòng 2\n');
  });

  it('keeps every letter, emoji (a surrogate pair), U+FFFD and the right-to-left mark', () => {
    const s = 'Đảng bộ 𝔸 😀 \ufffd \u200fabc';
    expect(stripControls(s)).toBe(s);
  });

  it('drops bidi embeddings, overrides and isolates, which turn the words after them around', () => {
    expect(stripControls('Công văn \u202ecũ\u202c.pdf \u2066x\u2069 \u202ay\u202b')).toBe('Công văn cũ.pdf x y');
  });

  it('stripControlsDeep cleans strings in arrays and plain objects, and leaves bytes and dates alone', () => {
    const bytes = new Uint8Array([0x1b, 0x07]);
    const date = new Date(0);
    const out = stripControlsDeep({ title: 'a\u001bb', list: ['c\u0007', { d: 'e\u0000' }], bytes, date, n: 3 });
    expect(out).toEqual({ title: 'ab', list: ['c', { d: 'e' }], bytes, date, n: 3 });
    expect(out.bytes).toBe(bytes);
  });
});

describe('printable (one line for a terminal)', () => {
  it('removes whole escape sequences, not only their ESC', () => {
    expect(printable('\u001b[31mđỏ\u001b[0m')).toBe('đỏ');
    expect(printable('a\u001b[2J\u001b[1;1Hb')).toBe('ab');
    expect(printable('a\u001b]0;tiêu đề cửa sổ\u0007b')).toBe('ab');
    expect(printable('a\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\b')).toBe('alinkb');
    expect(printable('a\u009b31mb')).toBe('ab');
    expect(printable('a\u001bcb')).toBe('ab');
  });

  it('turns line breaks and tabs into spaces, drops bells and bidi overrides', () => {
    expect(printable('một\nhai\r\nba\tbốn\u2028năm\u0085sáu')).toBe('một hai  ba bốn năm sáu');
    expect(printable('bao\u0007cao\u202egpj.exe\u2066x\u2069')).toBe('baocaogpj.exex');
  });

  it('printableLines keeps the line structure of a multi-line summary', () => {
    expect(printableLines('Dự án: \u001b[1mA\u001b[0m\n  #1  B\u0007')).toBe('Dự án: A\n  #1  B');
  });
});
