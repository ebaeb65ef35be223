import { describe, expect, it } from 'vitest';
import { applyMetadataPatch, archivalMetadataPatchSchema, parseStoredMetadata } from '../../../shared/archive/metadata';
import { ccittG4Tiff } from '../../../electron/core/archive/pdf/pdfImages';

describe('archival metadata', () => {
  it('patches: values replace, null and empty clear, absent fields stay', () => {
    const cur = { code: '16-NQ/TW', tags: ['a'], notes: 'x', issuer: 'Trung ương' };
    expect(applyMetadataPatch(cur, { code: '17-CT/TW', tags: [], notes: null })).toEqual({ code: '17-CT/TW', issuer: 'Trung ương' });
  });

  it('validates enumerations and partial dates', () => {
    expect(archivalMetadataPatchSchema.safeParse({ secrecy: 'Tối mật' }).success).toBe(true);
    expect(archivalMetadataPatchSchema.safeParse({ secrecy: 'Mật lắm' }).success).toBe(false);
    expect(archivalMetadataPatchSchema.safeParse({ date: { text: 'Năm 1950', start: '1950', end: '1950' } }).success).toBe(true);
    expect(archivalMetadataPatchSchema.safeParse({ date: { text: 'x', start: '1950-02-30x' } }).success).toBe(false);
  });

  it('reads stored JSON leniently, dropping what is not valid', () => {
    expect(parseStoredMetadata('{"code":"1-BC/HU","secrecy":"???","unknown":1}')).toEqual({ code: '1-BC/HU' });
    expect(parseStoredMetadata('not json')).toEqual({});
  });
});

describe('CCITT G4 in a TIFF container', () => {
  it('writes a valid one-strip header around the untouched data', () => {
    const data = new Uint8Array([1, 2, 3, 4, 5]);
    const tiff = ccittG4Tiff(data, 1728, 2200, false);
    const v = new DataView(tiff.buffer);
    expect([...tiff.subarray(0, 4)]).toEqual([0x49, 0x49, 0x2a, 0]);
    const ifd = v.getUint32(4, true);
    const tags = new Map<number, number>();
    for (let i = 0; i < v.getUint16(ifd, true); i++) {
      const at = ifd + 2 + i * 12;
      const type = v.getUint16(at + 2, true);
      tags.set(v.getUint16(at, true), type === 3 ? v.getUint16(at + 8, true) : v.getUint32(at + 8, true));
    }
    expect(tags.get(256)).toBe(1728);
    expect(tags.get(257)).toBe(2200);
    expect(tags.get(259)).toBe(4);
    expect(tags.get(262)).toBe(0);
    expect([...tiff.subarray(tags.get(273)!, tags.get(273)! + tags.get(279)!)]).toEqual([1, 2, 3, 4, 5]);
  });
});
