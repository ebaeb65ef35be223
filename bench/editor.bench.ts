/**
 * Benchmark of the manuscript editor (issue 5): keystroke-to-update time in a 100-page chapter
 * with 300 footnotes (some citing archived documents), headless tiptap on happy-dom, with the
 * editor's real extensions (NFC normaliser, footnotes, citations, tables). A keystroke is one
 * text-input transaction dispatched to the view: plugins, state update and DOM update, plus what
 * the chapter editor does on every update (autosave scheduling). Baseline in the same run: a
 * one-page chapter. Target: p95 under 16 ms in the big chapter. Prints one JSON object.
 */
import { Window } from 'happy-dom';

const window = new Window({ url: 'http://localhost/' });
const g = globalThis as Record<string, unknown>;
for (const key of ['window', 'document', 'navigator', 'Node', 'Element', 'HTMLElement', 'Text', 'DocumentFragment', 'MutationObserver', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame', 'DOMParser', 'Event', 'KeyboardEvent', 'InputEvent', 'ClipboardEvent', 'DragEvent', 'Range', 'Selection', 'HTMLDivElement', 'CustomEvent']) {
  if (!(key in g) || key === 'navigator') {
    const v = (window as unknown as Record<string, unknown>)[key];
    if (v !== undefined) Object.defineProperty(g, key, { value: typeof v === 'function' && /^[a-z]/.test(key) ? (v as (...a: unknown[]) => unknown).bind(window) : v, configurable: true, writable: true });
  }
}

const { Editor } = await import('@tiptap/core');
const { TextSelection } = await import('@tiptap/pm/state');
const { manuscriptExtensions } = await import('../renderer/books/editor/extensions');

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return { n: s.length, mean: r(mean), p50: r(q(0.5)), p95: r(q(0.95)), max: r(s[s.length - 1]!) };
}

/** Deterministic Vietnamese-like text. */
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const syllables = 'Đảng bộ huyện lãnh đạo nhân dân đấu tranh giành chính quyền xây dựng cơ sở kháng chiến thắng lợi phong trào cách mạng phát triển kinh tế văn hóa xã hội tỉnh ủy nghị quyết thực hiện'.split(' ');
const words = (n: number) => Array.from({ length: n }, () => syllables[Math.floor(rand() * syllables.length)]).join(' ');

function chapter(pages: number, footnotes: number) {
  const paragraphsPerPage = 6;
  const total = pages * paragraphsPerPage;
  const content: unknown[] = [];
  let placed = 0;
  for (let i = 0; i < total; i++) {
    if (i % 40 === 0) content.push({ type: 'heading', attrs: { level: 2 + ((i / 40) % 3) }, content: [{ type: 'text', text: words(6) }] });
    const inline: unknown[] = [{ type: 'text', text: `${words(30)}.` }];
    // Spread the footnotes evenly; every third one cites an archived document.
    const want = Math.round(((i + 1) * footnotes) / total);
    while (placed < want) {
      const note =
        placed % 3 === 0
          ? [{ type: 'citation', attrs: { documentId: 1 + (placed % 50), pageId: null, pageSeq: 1, folio: '3', text: `Tỉnh ủy Lai Châu: Nghị quyết số ${placed}-NQ/TU ngày 3-2-1961, lưu tại Kho Lưu trữ Tỉnh ủy, Phông số 1, Hồ sơ số 45, tờ 3.` } }]
          : [{ type: 'text', text: `Lời kể của ông ${words(4)}, ghi âm năm 2020.` }];
      inline.push({ type: 'footnote', content: note }, { type: 'text', text: ` ${words(28)}.` });
      placed++;
    }
    content.push({ type: 'paragraph', content: inline });
  }
  return { type: 'doc', content };
}

function measure(doc: unknown, keystrokes: number) {
  const element = document.createElement('div');
  document.body.append(element);
  let pending: (() => unknown) | null = null;
  const t0 = performance.now();
  const editor = new Editor({
    element,
    extensions: manuscriptExtensions(),
    content: doc as never,
    // As the chapter editor does: every update hands the document's JSON to the autosave.
    onUpdate: ({ editor: e }) => {
      const json = e.getJSON();
      pending = () => JSON.stringify(json);
    },
  });
  const load = performance.now() - t0;
  // Type in the middle of the chapter.
  const mid = Math.floor(editor.state.doc.content.size / 2);
  let pos = mid;
  editor.state.doc.nodesBetween(mid, editor.state.doc.content.size, (n, p) => {
    if (pos === mid && n.isText) pos = p + 1;
    return pos === mid;
  });
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, pos)));
  const times: number[] = [];
  const text = 'Nhân dân đoàn kết chiến đấu ';
  for (let i = 0; i < keystrokes; i++) {
    const ch = text[i % text.length]!;
    const t = performance.now();
    const { from, to } = editor.state.selection;
    editor.view.dispatch(editor.state.tr.insertText(ch, from, to));
    times.push(performance.now() - t);
  }
  const ts = performance.now();
  if (pending) (pending as () => unknown)();
  const serialise = performance.now() - ts;
  const size = editor.state.doc.content.size;
  let footnotes = 0;
  editor.state.doc.descendants((n) => {
    if (n.type.name === 'footnote') footnotes++;
    return !n.isTextblock || n.type.name === 'paragraph';
  });
  editor.destroy();
  element.remove();
  return { docSize: size, footnotes, loadMs: Math.round(load), autosaveStringifyMs: Math.round(serialise * 10) / 10, keystrokeMs: stats(times.slice(20)) };
}

const baseline = measure(chapter(1, 1), 220);
const big = measure(chapter(100, 300), 220);
console.log(
  JSON.stringify(
    {
      name: 'editor keystroke-to-update',
      targetP95Ms: 16,
      baseline: { pages: 1, ...baseline },
      chapter: { pages: 100, ...big },
      ratioP50: Math.round((big.keystrokeMs.p50 / Math.max(0.001, baseline.keystrokeMs.p50)) * 10) / 10,
      withinTarget: big.keystrokeMs.p95 < 16,
    },
    null,
    2,
  ),
);
await window.happyDOM.close();
