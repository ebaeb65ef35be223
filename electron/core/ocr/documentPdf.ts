/**
 * An archived document as a searchable PDF (for a reviewer): each page's image as the archive
 * serves it — a JPEG scan byte-identical — with its text as an invisible layer, placed word by
 * word where OCR found the words, line by line over the page where the text was typed.
 */
import { readFileSync } from 'node:fs';
import { parseStoredMetadata } from '../../../shared/archive/metadata';
import { UserFacingError } from '../../../shared/errors';
import { DocumentStore } from '../archive/documents';
import type { OpenProject } from '../project/projectSession';
import { readRecognition } from './ocrStore';
import { writeSearchablePdf, type SearchablePage } from './searchablePdf';

export async function searchableDocumentPdf(project: OpenProject, documentId: number): Promise<{ bytes: Uint8Array; title: string; pages: number }> {
  const store = new DocumentStore(project.db);
  const doc = store.documentRow(documentId);
  const rows = store.pages(documentId).filter((r) => r.image_kind !== 'text');
  if (rows.length === 0) throw new UserFacingError('ocr.no-scans', `Tài liệu «${doc.title}» không có trang ảnh quét nào để xuất ra PDF.`);
  const { viewablePageImage } = await import('../archive/pageImages');
  const pages: SearchablePage[] = [];
  for (const row of rows) {
    const image = await viewablePageImage(project.layout, row);
    const ocr = readRecognition(project.db, row.id);
    pages.push({
      image: { bytes: readFileSync(image.path), mime: image.mime as 'image/jpeg' | 'image/png' },
      width: ocr?.width ?? row.width,
      height: ocr?.height ?? row.height,
      rotation: row.rotation,
      // The boxes describe the page as read; a person's later correction is aligned onto them.
      words: ocr?.words ?? null,
      text: row.text,
    });
  }
  const meta = parseStoredMetadata(doc.metadata ?? '{}');
  const bytes = await writeSearchablePdf({
    title: doc.title,
    ...(meta.issuer ? { author: meta.issuer } : {}),
    ...(meta.abstract ? { subject: meta.abstract } : {}),
    language: 'vi',
    pages,
  });
  return { bytes, title: doc.title, pages: pages.length };
}
