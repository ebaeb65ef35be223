/**
 * The sample project as shipped in resources/sample/: the project and its books (sample.yaml), the
 * archived documents with their archival description and how their paper looks (documents.yaml),
 * and what each document's paper says (documents/Dnn.md: the printed header in YAML, then the
 * body). Read and checked here, once, so the builder works from values it can trust and a broken
 * resource folder says which file and which entry are wrong.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { bookKinds, bookNodeKinds, nameKinds } from '../../../shared/api/manuscript';
import { archivalMetadataSchema } from '../../../shared/archive/metadata';
import { UserFacingError } from '../../../shared/errors';
import { chapterStatuses, nodeRoles } from '../../../shared/manuscript/structure';
import { toNFC } from '../text';
import type { PaperDocument, ScanStyle } from './scanImage';

const key = z.string().regex(/^[A-Za-z0-9-]+$/, 'một khóa chỉ gồm chữ không dấu, số và dấu gạch ngang');
const lines = z.array(z.string()).optional();

const documentEntry = z.object({
  key,
  file: z.string(),
  scan: z.object({
    style: z.enum(['print', 'typewriter', 'stencil', 'handwritten']),
    tilt: z.number().min(-3).max(3).default(0),
    yellowed: z.boolean().default(false),
    seed: z.number().int().default(1),
  }),
  text: z.enum(['ocr', 'transcription', 'none']),
  metadata: archivalMetadataSchema,
});

const nodeEntry = z.object({
  key,
  kind: z.enum(bookNodeKinds),
  role: z.enum(nodeRoles).default(''),
  title: z.string().default(''),
  file: z.string().optional(),
  /** A node inside a part: the part's key. */
  parent: key.optional(),
});

const bookEntry = z.object({
  key,
  kind: z.enum(bookKinds),
  title: z.string().min(1),
  subtitle: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  nodes: z.array(nodeEntry).min(1),
  review: z
    .object({
      node: key,
      revisions: z.array(z.object({ file: z.string(), note: z.string() })).default([]),
      comments: z.array(z.object({ quote: z.string().min(1), author: z.string().default(''), text: z.string().min(1), resolved: z.boolean().default(false) })).default([]),
      status: z.enum(chapterStatuses).optional(),
    })
    .optional(),
});

const sampleFile = z.object({
  project: z.object({ title: z.string().min(1), folderName: z.string().min(1) }),
  names: z.array(z.object({ kind: z.enum(nameKinds), name: z.string().min(1), sortKey: z.string().optional() })).default([]),
  books: z.array(bookEntry).min(1),
  tour: z.record(z.string(), z.unknown()).default({}),
});

const paperFile = z.object({
  header: z
    .object({ issuer: lines, motto: lines, number: z.string().optional(), placeDate: z.string().optional(), title: z.string().optional(), subtitle: z.string().optional(), signature: lines })
    .default({}),
  /** [as printed, as the OCR read it], word for word: applied to the first occurrence in the page text. */
  ocrErrors: z
    .array(
      z
        .tuple([z.string().trim().min(1), z.string().trim().min(1)])
        .refine(([right, wrong]) => right.split(/\s+/).length === wrong.split(/\s+/).length, 'một lỗi nhận dạng phải thay đúng chừng ấy từ'),
    )
    .default([]),
});

export type SampleBook = z.infer<typeof bookEntry>;
export type SampleNode = z.infer<typeof nodeEntry>;

export interface SampleDocument {
  key: string;
  scan: ScanStyle;
  text: 'ocr' | 'transcription' | 'none';
  metadata: z.infer<typeof archivalMetadataSchema>;
  paper: PaperDocument;
  ocrErrors: [string, string][];
}

export interface SampleSpec {
  /** The resources/sample folder the spec was read from. */
  dir: string;
  project: { title: string; folderName: string };
  names: z.infer<typeof sampleFile>['names'];
  documents: SampleDocument[];
  books: SampleBook[];
  tour: Record<string, unknown>;
  /** A file of the sample (a chapter's text), NFC. */
  read(file: string): string;
}

function broken(file: string, why: string): UserFacingError {
  return new UserFacingError('sample.broken', `Dữ liệu dự án mẫu bị hỏng (${file}): ${why}. Hãy cài lại Sử Quán.`);
}

function readText(dir: string, file: string): string {
  const p = path.resolve(dir, file);
  if (!p.startsWith(dir + path.sep) || !existsSync(p)) throw broken(file, 'thiếu tệp');
  return toNFC(readFileSync(p, 'utf8')).replace(/\r\n?/g, '\n');
}

function parse<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw broken(file, `${issue.path.join('.') || 'tệp'}: ${issue.message}`);
}

function yaml(text: string, file: string): unknown {
  try {
    return YAML.parse(text);
  } catch (e) {
    throw broken(file, `YAML không đọc được (${(e as Error).message.split('\n')[0]})`);
  }
}

/** A document's paper: the YAML header block between `---` lines, then paragraphs separated by blank lines. */
export function readPaper(text: string, file: string): { paper: PaperDocument; ocrErrors: [string, string][] } {
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  if (!m) throw broken(file, 'thiếu phần đầu YAML giữa hai dòng ---');
  const head = parse(paperFile, yaml(m[1]!, file), file);
  const body = m[2]!
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
  if (!body.length) throw broken(file, 'văn bản không có đoạn nào');
  const header = Object.fromEntries(Object.entries(head.header).filter(([, v]) => v !== undefined)) as PaperDocument['header'];
  return { paper: { header, body }, ocrErrors: head.ocrErrors };
}

/** Reads and checks resources/sample (or `dir`). */
export function readSampleSpec(dir: string): SampleSpec {
  const root = path.resolve(dir);
  const main = parse(sampleFile, yaml(readText(root, 'sample.yaml'), 'sample.yaml'), 'sample.yaml');
  const entries = parse(z.array(documentEntry).min(1), yaml(readText(root, 'documents.yaml'), 'documents.yaml'), 'documents.yaml');
  const documents = entries.map((e): SampleDocument => {
    const { paper, ocrErrors } = readPaper(readText(root, e.file), e.file);
    return { key: e.key, scan: e.scan, text: e.text, metadata: e.metadata, paper, ocrErrors };
  });
  const keys = new Set<string>();
  for (const d of documents) {
    if (keys.has(d.key)) throw broken('documents.yaml', `khóa ${d.key} xuất hiện hai lần`);
    keys.add(d.key);
  }
  for (const b of main.books) {
    const nodeKeys = new Set(b.nodes.map((n) => n.key));
    for (const n of b.nodes) if (n.file) readText(root, n.file);
    if (b.review && !nodeKeys.has(b.review.node)) throw broken('sample.yaml', `sách ${b.key}: phần góp ý chỉ đến ${b.review.node}, không có trong sách`);
  }
  return { dir: root, project: main.project, names: main.names, documents, books: main.books, tour: main.tour, read: (file) => readText(root, file) };
}
