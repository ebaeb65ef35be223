/**
 * Builds the sample project (a fictional commune's Party organisation) from resources/sample/, the
 * way a compilation team would fill a project, through the same services the app and the CLI use:
 * every document's paper is typeset by the app's own typesetter and aged into an office scan
 * (scanImage.ts), imported as a scan, described, given its text as OCR read it or as the team
 * transcribed it; then the books are written (sampleMarkdown.ts), one chapter goes through a draft
 * revision and two review comments.
 *
 * Whole or not at all: the project is built in a folder beside the target and renamed into place
 * when it is complete, so an interrupted build never leaves a half sample where the user looks.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '../../../shared/api/client';
import type { Api } from '../../../shared/api/index';
import type { ArchiveDocument, PageInfo } from '../../../shared/api/archive';
import type { BookNodeInfo, NameKind, RichDoc } from '../../../shared/api/manuscript';
import type { OcrWord } from '../../../shared/archive/ocr';
import { documentTitle } from '../../../shared/book/documentItem';
import { transcriptionParagraphs } from '../../../shared/book/transcriptionParagraphs';
import { UserFacingError } from '../../../shared/errors';
import { seededRandom } from '../../../shared/seededRandom';
import { formatCitation, citationSourceFromMetadata } from '../../../shared/manuscript/citation';
import { crossRefTargets, crossRefText, nodeTargetId, type CrossRefTarget } from '../../../shared/manuscript/crossRef';
import { outlineOf } from '../../../shared/manuscript/richDoc';
import { saveRecognition } from '../ocr/ocrStore';
import { resourcePath } from '../resources';
import { createServices } from '../services';
import { sampleMarkdownToRichDoc, type SampleResolver } from './sampleMarkdown';
import { readSampleSpec, type SampleDocument, type SampleSpec } from './sampleSpec';
import { renderScan, type ScanPage } from './scanImage';

export interface SampleProgress {
  /** One Vietnamese line: what is being made now. */
  step: string;
  done: number;
  total: number;
}

export interface BuildSampleOptions {
  /** resources/sample by default. */
  specDir?: string;
  onProgress?: (p: SampleProgress) => void;
}

export interface BuiltSample {
  path: string;
  title: string;
  documents: number;
  books: number;
  chapters: number;
}

/** The engine named on the sample's OCR layers: honest that no recogniser read these pages. */
const SAMPLE_ENGINE = 'Sử Quán — dự án mẫu (chữ của bản in, có lỗi nhận dạng mô phỏng)';

/** Builds the sample project into `dir`, which must not exist or be empty. */
export async function buildSample(dir: string, opts: BuildSampleOptions = {}): Promise<BuiltSample> {
  const target = path.resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new UserFacingError('sample.not-empty', `Thư mục "${target}" đã có nội dung; hãy chọn một thư mục mới hoặc trống cho dự án mẫu.`);
  }
  const spec = readSampleSpec(opts.specDir ?? resourcePath('sample'));
  const parent = path.dirname(target);
  mkdirSync(parent, { recursive: true });
  // Beside the target (same disk, so the final rename is atomic); a dot name keeps it out of the way.
  const building = path.join(parent, `.${path.basename(target)}.dang-tao-${process.pid}`);
  rmSync(building, { recursive: true, force: true });
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'suquan-sample-'));
  const app = createServices({ holderName: 'Sử Quán (tạo dự án mẫu)' });
  const api = createClient((service, method, args) => app.dispatch(service, method, args)) as Api;
  try {
    const total = spec.documents.length + spec.books.length + 1;
    let done = 0;
    const tell = (step: string) => opts.onProgress?.({ step, done: done++, total });
    await api.project.create({ path: building, title: spec.project.title });
    const docs = new Map<string, ArchiveDocument>();
    for (const d of spec.documents) {
      tell(`Tạo bản quét và nhập tài liệu ${docs.size + 1}/${spec.documents.length}`);
      docs.set(d.key, await addDocument(api, app, d, scratch));
    }
    tell('Viết sách');
    const chapters = await writeBooks(api, spec, docs, tell);
    await app.dispose();
    rmSync(target, { recursive: true, force: true }); // an empty folder the user gave
    renameSync(building, target);
    opts.onProgress?.({ step: 'Xong', done: total, total });
    return { path: target, title: spec.project.title, documents: docs.size, books: spec.books.length, chapters };
  } catch (e) {
    await app.dispose().catch(() => {});
    rmSync(building, { recursive: true, force: true });
    throw e;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// ---- the archive ---------------------------------------------------------------------------------

/** A safe, readable file name for a document's scan, as a scanning office names them. */
function scanFileName(d: SampleDocument, page: number): string {
  const code = (d.metadata.code ?? d.metadata.docType ?? d.key).replace(/[/\\:*?"<>|]/g, '-');
  const year = d.metadata.date?.start?.slice(0, 4) ?? '';
  return `${[code, year].filter(Boolean).join(' ')} tr${page}.jpg`;
}

async function addDocument(api: Api, app: ReturnType<typeof createServices>, d: SampleDocument, scratch: string): Promise<ArchiveDocument> {
  const pages = await renderScan(d.paper, d.scan);
  const folder = path.join(scratch, d.key);
  mkdirSync(folder);
  pages.forEach((p, i) => writeFileSync(path.join(folder, scanFileName(d, i + 1)), p.jpeg));
  const report = await api.archive.importPaths({ paths: [folder], grouping: 'folder' });
  const outcome = report.outcomes[0];
  if (!outcome || outcome.status !== 'imported') {
    throw new Error(`sample ${d.key}: import gave ${JSON.stringify(outcome)}`);
  }
  let doc = await api.archive.getDocument({ id: outcome.documentId });
  // "Nghị quyết về …": the title a reproduced document prints, made the same way.
  const title = documentTitle(d.metadata, d.key);
  await api.archive.updateDocument({ id: doc.id, title, baseVersion: doc.version });
  doc = await api.archive.getDocument({ id: doc.id });
  doc = await api.archive.updateMetadata({ id: doc.id, patch: d.metadata, baseVersion: doc.version });
  const sorted = [...doc.pages].sort((a, b) => a.seq - b.seq);
  if (d.text === 'transcription') {
    // What the team typed is the paper's text, laid out as typed: one page (sampleSpec says so).
    if (sorted.length !== 1) throw new UserFacingError('sample.broken', `Dữ liệu dự án mẫu bị hỏng (${d.key}): một bản chép tay phải vừa một trang.`);
    await api.archive.setPageText({ pageId: sorted[0]!.id, text: paperText(d), source: 'typed', baseVersion: sorted[0]!.textVersion });
  } else if (d.text === 'ocr') {
    const db = app.session.require().db;
    sorted.forEach((page, i) => saveRecognition(db, sampleRecognition(page, pages[i]!, d.ocrErrors)));
  }
  return api.archive.getDocument({ id: doc.id });
}

/** The document as the team typed it: header lines, title, body paragraphs, signature, one per line. */
function paperText(d: SampleDocument): string {
  const h = d.paper.header;
  const head = [...(h.issuer ?? []), ...(h.motto ?? []), h.number, h.placeDate].filter((s): s is string => !!s);
  const title = [h.title, h.subtitle].filter((s): s is string => !!s);
  return [...head, '', ...title, '', ...d.paper.body, '', ...(h.signature ?? [])].join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * The page's words as an OCR layer: the printed words at their places, with the document's
 * `ocrErrors` put in (each at its first occurrence) and a low confidence on them, the way the
 * viewer then marks words to check. The text keeps lines, and a blank line between paragraphs
 * (a wider gap between lines, or an indented line).
 */
function sampleRecognition(page: PageInfo, scan: ScanPage, errors: [string, string][]) {
  const next = seededRandom(page.id * 7919);
  // The "*" under the issuer is a printed ornament, not a word the recogniser would give.
  const words: OcrWord[] = scan.words.filter((w) => /[\p{L}\p{N}]/u.test(w.text)).map((w) => ({ text: w.text, box: w.box, line: w.line, confidence: Math.round(84 + next() * 14) }));
  // Each slip replaces the same number of words (sampleSpec checks it), at its first occurrence.
  const bare = (t: string) => t.replace(/[.,;:!?)]+$/u, '');
  for (const [right, wrong] of errors) {
    const want = right.split(/\s+/);
    const got = wrong.split(/\s+/);
    const at = words.findIndex((_, i) => want.every((t, j) => bare(words[i + j]?.text ?? '') === t));
    want.forEach((_, j) => {
      const w = words[at + j];
      if (at < 0 || !w) return;
      w.text = got[j]! + w.text.slice(bare(w.text).length);
      w.confidence = Math.round(41 + next() * 25);
    });
  }
  return {
    pageId: page.id,
    width: scan.width,
    height: scan.height,
    words,
    confidence: words.length ? words.reduce((sum, w) => sum + w.confidence, 0) / words.length : 0,
    text: paragraphsOf(words),
    engine: SAMPLE_ENGINE,
    preparation: { orientation: 0, skew: 0, borders: { top: 0, right: 0, bottom: 0, left: 0 } },
    durationMs: 0,
  };
}

/** Words → text: one line each, a blank line where a paragraph starts (an indented or a farther line). */
function paragraphsOf(words: OcrWord[]): string {
  const lines: { text: string; x: number; top: number; bottom: number }[] = [];
  for (const w of words) {
    const l = lines[w.line];
    if (!l) lines[w.line] = { text: w.text, x: w.box[0], top: w.box[1], bottom: w.box[3] };
    else {
      l.text += ` ${w.text}`;
      l.top = Math.min(l.top, w.box[1]);
      l.bottom = Math.max(l.bottom, w.box[3]);
    }
  }
  const dense = lines.filter(Boolean);
  if (!dense.length) return '';
  const gaps = dense.slice(1).map((l, i) => l.top - dense[i]!.top).sort((a, b) => a - b);
  const gap = gaps[Math.floor(gaps.length / 2)] ?? 0;
  const left = Math.min(...dense.map((l) => l.x));
  const height = dense.map((l) => l.bottom - l.top).sort((a, b) => a - b)[Math.floor(dense.length / 2)] ?? 0;
  const out: string[] = [];
  dense.forEach((l, i) => {
    const prev = dense[i - 1];
    const newPara = prev && (l.top - prev.top > gap * 1.35 || l.x - left > height * 0.8);
    if (newPara) out.push('');
    out.push(l.text);
  });
  return out.join('\n');
}

// ---- the books -----------------------------------------------------------------------------------

async function writeBooks(api: Api, spec: SampleSpec, docs: Map<string, ArchiveDocument>, tell: (step: string) => void): Promise<number> {
  const names = new Map<string, number>();
  const nameKey = (kind: NameKind, name: string) => `${kind}\u0000${name.normalize('NFC')}`;
  for (const n of spec.names) {
    const made = await api.manuscript.createName({ kind: n.kind, name: n.name, sortKey: n.sortKey ?? '' });
    names.set(nameKey(n.kind, n.name), made.id);
  }

  // Every node first, so cross-references between chapters can name their targets.
  const nodeIds = new Map<string, number>();
  const made: { bookId: number; book: SampleSpec['books'][number]; nodes: BookNodeInfo[] }[] = [];
  for (const b of spec.books) {
    let book = await api.manuscript.createBook({ kind: b.kind, title: b.title, ...(b.subtitle ? { subtitle: b.subtitle } : {}) });
    if (b.details) book = await api.manuscript.updateBook({ id: book.id, baseVersion: book.version, details: b.details as never });
    const nodes: BookNodeInfo[] = [];
    for (const n of b.nodes) {
      const node = await api.manuscript.addNode({ bookId: book.id, kind: n.kind, role: n.role, parentId: n.parent ? nodeIds.get(n.parent)! : null, title: n.title });
      nodeIds.set(n.key, node.id);
      nodes.push(node);
    }
    made.push({ bookId: book.id, book: b, nodes });
  }

  const resolverFor = (labels: Map<string, CrossRefTarget>): SampleResolver => ({
    citation({ key, pageSeq, folio }) {
      const doc = docOf(docs, key);
      const page = pageSeq ? pageOf(doc, pageSeq) : null;
      // The text the editor stores when a citation is inserted (the export makes it again from the metadata).
      const text = formatCitation(citationSourceFromMetadata(doc.title, doc.metadata), { ...(folio ? { folio } : {}), ...(page ? { page: page.seq } : {}) });
      return { documentId: doc.id, pageId: page?.id ?? null, pageSeq: page?.seq ?? null, folio: folio ?? '', text };
    },
    figure(key, pageSeq) {
      const doc = docOf(docs, key);
      const page = pageOf(doc, pageSeq);
      return { documentId: doc.id, pageId: page.id, pageSeq: page.seq };
    },
    name(kind, name) {
      const id = names.get(nameKey(kind, name));
      if (id === undefined) throw new UserFacingError('sample.unknown-name', `Tên "${name}" chưa có trong danh mục tên của dự án mẫu (sample.yaml, names).`);
      return id;
    },
    target(ref, show = 'full') {
      if (!ref.startsWith('#') && !nodeIds.has(ref)) throw new UserFacingError('sample.unknown-ref', `Tham chiếu chéo đến "${ref}": không có mục nào mang khóa này.`);
      const targetId = ref.startsWith('#') ? ref.slice(1) : nodeTargetId(nodeIds.get(ref)!);
      return { targetId, label: crossRefText(labels.get(targetId), show) ?? '' };
    },
    document(key) {
      const doc = docOf(docs, key);
      const label = [doc.metadata.code, doc.title].filter(Boolean).join(' · ');
      return { documentId: doc.id, label, paragraphs: transcriptionParagraphs(doc.pages.map((p) => ({ text: p.text, textSource: p.textSource }))) };
    },
  });

  // Cross-references keep the text their target shows (as the editor stores them): the targets'
  // numbers come from the structure, their headings from the chapters read once without labels.
  const convert = (file: string, labels: Map<string, CrossRefTarget>) => sampleMarkdownToRichDoc(spec.read(file), resolverFor(labels), { fileName: file });
  const labels = new Map<string, CrossRefTarget>();
  for (const { book, nodes } of made) {
    const outlined = nodes.map((node, i) => ({ ...node, outline: book.nodes[i]!.file ? outlineOf(convert(book.nodes[i]!.file!, new Map())) : [] }));
    for (const t of crossRefTargets(outlined)) labels.set(t.id, t);
  }

  let chapters = 0;
  for (const { book } of made) {
    tell(`Viết "${book.title}"`);
    for (const n of book.nodes) {
      if (!n.file) continue;
      const id = nodeIds.get(n.key)!;
      const review = book.review?.node === n.key ? book.review : undefined;
      for (const r of review?.revisions ?? []) {
        await save(api, id, convert(r.file, labels));
        await api.manuscript.saveRevision({ id, note: r.note });
      }
      let doc = convert(n.file, labels);
      if (review?.comments.length) doc = await withComments(api, id, doc, review.comments, n.file);
      await save(api, id, doc);
      chapters++;
    }
  }
  for (const { bookId, book } of made) {
    if (!book.review?.status) continue;
    const b = await api.manuscript.getBook({ id: bookId });
    await api.manuscript.setChapterStatus({ id: nodeIds.get(book.review.node)!, status: book.review.status, baseVersion: b.version });
  }
  return chapters;
}

async function save(api: Api, id: number, doc: RichDoc): Promise<void> {
  const current = await api.manuscript.getChapter({ id });
  const r = await api.manuscript.saveChapter({ id, doc, baseVersion: current.version });
  if (r.status !== 'saved') throw new Error(`sample chapter ${id}: ${r.status}`);
}

function docOf(docs: Map<string, ArchiveDocument>, key: string): ArchiveDocument {
  const d = docs.get(key);
  if (!d) throw new UserFacingError('sample.unknown-document', `Tài liệu "${key}" không có trong kho của dự án mẫu (documents.yaml).`);
  return d;
}

function pageOf(doc: ArchiveDocument, seq: number): PageInfo {
  const p = doc.pages.find((x) => x.seq === seq);
  if (!p) throw new UserFacingError('sample.unknown-page', `Tài liệu "${doc.title}" không có trang ${seq}.`);
  return p;
}

/**
 * Adds a chapter's review comments (resolved ones marked so) and anchors each with a `comment`
 * mark on the first occurrence of its quote in the body (outside footnotes), as the editor does.
 */
async function withComments(
  api: Api,
  nodeId: number,
  doc: RichDoc,
  comments: { quote: string; author: string; text: string; resolved: boolean }[],
  file: string,
): Promise<RichDoc> {
  let out = doc;
  for (const c of comments) {
    const made = await api.manuscript.addComment({ nodeId, author: c.author, text: c.text, quote: c.quote });
    if (c.resolved) await api.manuscript.resolveComment({ id: made.id, resolved: true });
    const marked = markQuote(out, c.quote, { type: 'comment', attrs: { commentId: made.id, resolved: c.resolved } });
    if (!marked) throw new UserFacingError('sample.comment-quote', `Góp ý trong dự án mẫu chỉ đến đoạn "${c.quote}", không tìm thấy trong ${file}.`);
    out = marked;
  }
  return out;
}

type Json = { type?: string; text?: string; marks?: unknown[]; content?: Json[]; [k: string]: unknown };

/** The document with `mark` added on the first text node holding `quote` (split around it); null when none does. */
function markQuote(doc: RichDoc, quote: string, mark: Json): RichDoc | null {
  let done = false;
  const walk = (node: Json): Json => {
    if (done || !node.content || node.type === 'footnote') return node;
    const content: Json[] = [];
    for (const child of node.content) {
      if (!done && child.type === 'text' && typeof child.text === 'string' && child.text.includes(quote)) {
        const at = child.text.indexOf(quote);
        const before = child.text.slice(0, at);
        const after = child.text.slice(at + quote.length);
        if (before) content.push({ ...child, text: before });
        content.push({ ...child, text: quote, marks: [...(child.marks ?? []), mark] });
        if (after) content.push({ ...child, text: after });
        done = true;
      } else content.push(walk(child));
    }
    return { ...node, content };
  };
  const out = walk(doc as Json) as RichDoc;
  return done ? out : null;
}
