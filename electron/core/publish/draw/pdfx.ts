/**
 * What makes a drawn PDF a PDF/X-4 print file (ISO 15930-7), besides the page boxes the drawer
 * writes on every page: the output intent with its ICC profile, the version key in the Info
 * dictionary and in XMP metadata (with the dates, title, producer and trapping state the Info
 * dictionary also states), a file identifier, and a PDF 1.6 header. Device RGB images are tagged
 * with sRGB (iccProfile.ts): PDF/X allows device colour only in the output intent's own space (and
 * gray under CMYK), calibrated colour anywhere. Checked by ../pdfxCheck.ts.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFDict, PDFHexString, PDFName, PDFRawStream, PDFString, type PDFDocument, type PDFRef } from 'pdf-lib';
import { stripControls } from '../../../../shared/text/controlChars';
import { srgbProfile } from './iccProfile';
import type { OutputIntent } from '../world';

export const PDFX_VERSION = 'PDF/X-4';

export interface PdfxMeta {
  title: string;
  author?: string;
  subject?: string;
  language: string;
  date: Date;
  producer: string;
  creator: string;
}

/** An XMP date, 2026-01-01T00:00:00Z: the instant of the Info dictionary's D:20260101000000Z. */
function isoDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Text inside the XMP packet: markup escaped, and characters XML cannot hold (a control code in a title) dropped. */
const xmlEscape = (s: string): string => stripControls(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The XMP packet: Dublin Core, XMP basic, PDF, media management and PDF/X identification. */
export function xmpPacket(m: PdfxMeta, documentId: string): string {
  const date = isoDate(m.date);
  const alt = (s: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(s)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    ' xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"',
    ' xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(m.title)}</dc:title>`,
    m.author ? `<dc:creator><rdf:Seq><rdf:li>${xmlEscape(m.author)}</rdf:li></rdf:Seq></dc:creator>` : '',
    m.subject ? `<dc:description>${alt(m.subject)}</dc:description>` : '',
    `<dc:language><rdf:Bag><rdf:li>${xmlEscape(m.language)}</rdf:li></rdf:Bag></dc:language>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${xmlEscape(m.creator)}</xmp:CreatorTool>`,
    `<pdf:Producer>${xmlEscape(m.producer)}</pdf:Producer>`,
    '<pdf:Trapped>False</pdf:Trapped>',
    `<xmpMM:DocumentID>uuid:${documentId}</xmpMM:DocumentID>`,
    `<xmpMM:InstanceID>uuid:${documentId}</xmpMM:InstanceID>`,
    '<xmpMM:VersionID>1</xmpMM:VersionID>',
    '<xmpMM:RenditionClass>default</xmpMM:RenditionClass>',
    `<pdfxid:GTS_PDFXVersion>${PDFX_VERSION}</pdfxid:GTS_PDFXVersion>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * A file identifier from what identifies this file: the same book and world give the same ID
 * (the bytes stay reproducible), another title, date or page count another.
 */
function fileId(m: PdfxMeta, pages: number): string {
  return createHash('sha256').update(JSON.stringify([m.title, m.author, m.subject, m.date.toISOString(), m.producer, pages])).digest('hex').slice(0, 32);
}

/** The ICC-based sRGB colour space, made once per document when an RGB image needs it. */
export function srgbColourSpace(doc: PDFDocument): PDFRef {
  const ctx = doc.context;
  const bytes = srgbProfile();
  return ctx.register(ctx.obj(['ICCBased', ctx.register(ctx.flateStream(bytes, { N: 3 }))] as never));
}

/** Output profiles deflated once per process (the shipped one is 120 KB). */
const deflated = new WeakMap<Uint8Array, Buffer>();

/** Channels of an ICC profile's data colour space (header bytes 16–19). */
function channels(icc: Uint8Array): number {
  const space = Buffer.from(icc.buffer, icc.byteOffset + 16, 4).toString('latin1');
  return space === 'CMYK' ? 4 : space === 'RGB ' ? 3 : 1;
}

/** Writes the output intent, metadata, version keys and file identifier. */
export function writePdfx(doc: PDFDocument, m: PdfxMeta, out: OutputIntent, pageCount: number): void {
  const ctx = doc.context;
  const id = fileId(m, pageCount);
  let bytes = deflated.get(out.profile);
  if (!bytes) deflated.set(out.profile, (bytes = deflateSync(out.profile)));
  const profileRef = ctx.register(ctx.stream(bytes, { N: channels(out.profile), Filter: 'FlateDecode' }));
  const intent = ctx.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputConditionIdentifier: PDFString.of(out.identifier),
    OutputCondition: PDFString.of(out.condition),
    Info: PDFString.of(out.condition),
    RegistryName: PDFString.of(out.registry),
    DestOutputProfile: profileRef,
  });
  doc.catalog.set(PDFName.of('OutputIntents'), ctx.obj([intent]));

  // The packet is UTF-8 and left uncompressed, as XMP readers that scan files for it expect.
  const xmp = Buffer.from(xmpPacket(m, `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`), 'utf8');
  const metadata = PDFRawStream.of(ctx.obj({ Type: 'Metadata', Subtype: 'XML', Length: xmp.length }) as PDFDict, xmp);
  doc.catalog.set(PDFName.of('Metadata'), ctx.register(metadata));

  const info = ctx.lookup(ctx.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('GTS_PDFXVersion'), PDFString.of(PDFX_VERSION));
  info.set(PDFName.of('Trapped'), PDFName.of('False'));
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}

/**
 * PDF/X-4 is PDF 1.6: pdf-lib always writes a 1.7 header, which is rewritten in place (the same
 * length, so every offset in the cross-reference table stays right).
 */
export function pdf16Header(bytes: Uint8Array): Uint8Array {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, 8).toString('latin1');
  if (head === '%PDF-1.7') bytes[7] = 0x36;
  return bytes;
}
