/**
 * The 600-page benchmark book (typeset.bench.ts's generator and setup) written out for the
 * `suquan typeset` CLI as Markdown and for XeLaTeX as LaTeX, at the same geometry: the cli and
 * density benchmarks compare the two programs on it.
 */
import path from 'node:path';
import type { Block, Book, Chapter, InlineRun, Paragraph } from '../shared/book/model';
import { generateBook } from '../tests/unit/publish/fixtures';

const root = path.resolve(import.meta.dirname, '..');

export const book = generateBook({ seed: 42, chapters: 12, sectionsPerChapter: 6, parasPerSection: 31, words: 100, footnoteRate: 0.5 });
book.setup = { trim: 'A5', bodySize: 11, leading: 15, footnoteSize: 9, footnoteLeading: 11 };

/** The book as the Markdown `suquan typeset` reads (README: front matter, `#`, `##`, `[^n]`). */
export function toMarkdown(b: Book): string {
  let noteNo = 0;
  const inline = (runs: InlineRun[], notes: string[]): string =>
    runs
      .map((r) => {
        if (r.kind === 'text') return r.bold ? `**${r.text}**` : r.italic ? `*${r.text}*` : r.text;
        if (r.kind === 'footnote') {
          const n = ++noteNo;
          notes.push(`[^${n}]: ${r.content.map((p) => inline((p as Paragraph).runs, notes)).join('\n\n    ')}`);
          return `[^${n}]`;
        }
        return '';
      })
      .join('')
      .trim();
  const chapter = (c: Chapter, notes: string[]): string =>
    [
      `# ${c.title}${c.numbered ? '' : ' {-}'}`,
      ...c.blocks.map((bl: Block) => (bl.kind === 'heading' ? `## ${inline(bl.runs, notes)}` : bl.kind === 'paragraph' ? inline(bl.runs, notes) : '')),
    ].join('\n\n');
  const notes: string[] = [];
  const chapters = [...b.front, ...(b.body as Chapter[]), ...b.back].map((c) => chapter(c, notes));
  const s = b.setup!;
  const front = [
    '---',
    `title: "${b.title}"`,
    `author: "${b.author}"`,
    `placeYear: "${b.placeYear}"`,
    `trim: ${s.trim}`,
    `bodySize: ${s.bodySize}`,
    `leading: ${s.leading}`,
    `footnoteSize: ${s.footnoteSize}`,
    `footnoteLeading: ${s.footnoteLeading}`,
    `credits:\n  editorInChief: [${b.credits!.editorInChief!.join(', ')}]\n  board: [${b.credits!.board!.join(', ')}]`,
    `colophon:\n  publisher: ${b.colophon!.publisher}\n  printRun: "${b.colophon!.printRun}"\n  price: ${b.colophon!.price}`,
    '---',
  ];
  return [...front, '', chapters.join('\n\n'), '', notes.join('\n\n'), ''].join('\n');
}

/**
 * The same book for XeLaTeX: the same trim, margins (setup.ts's A5 defaults), font files, sizes
 * and leading, footnotes at the foot of their page, a table of contents (why LaTeX needs two
 * passes). Vietnamese is not hyphenated, here as in Sử Quán.
 */
export function toLatex(b: Book): string {
  const esc = (t: string) => t.replace(/([\\{}%&#$_^~])/g, '\\$1');
  const inline = (runs: InlineRun[]): string =>
    runs
      .map((r) => {
        if (r.kind === 'text') return r.bold ? `\\textbf{${esc(r.text)}}` : r.italic ? `\\textit{${esc(r.text)}}` : esc(r.text);
        if (r.kind === 'footnote') return `\\footnote{${r.content.map((p) => inline((p as Paragraph).runs)).join('\\par ')}}`;
        return '';
      })
      .join('')
      .trim();
  const chapter = (c: Chapter): string =>
    [
      c.numbered ? `\\chapter{${esc(c.title)}}` : `\\chapter*{${esc(c.title)}}\\addcontentsline{toc}{chapter}{${esc(c.title)}}`,
      ...c.blocks.map((bl: Block) => (bl.kind === 'heading' ? `\\section{${inline(bl.runs)}}` : bl.kind === 'paragraph' ? inline(bl.runs) : '')),
    ].join('\n\n');
  const fonts = path.join(root, 'resources', 'fonts', 'liberation-serif') + '/';
  return `\\documentclass[11pt,twoside,openright]{book}
\\usepackage[paperwidth=148mm,paperheight=210mm,top=17mm,bottom=19mm,inner=19mm,outer=15mm,includehead=false,footskip=10mm]{geometry}
\\usepackage{fontspec}
\\setmainfont{LiberationSerif}[Path=${fonts},Extension=.ttf,UprightFont=*-Regular,BoldFont=*-Bold,ItalicFont=*-Italic,BoldItalicFont=*-BoldItalic]
\\usepackage{fancyhdr}
\\pagestyle{fancy}\\fancyhf{}\\fancyhead[LE]{\\small\\leftmark}\\fancyhead[RO]{\\small\\rightmark}\\fancyfoot[C]{\\thepage}
\\renewcommand\\chaptername{Chương}\\renewcommand\\contentsname{Mục lục}
\\makeatletter\\renewcommand\\normalsize{\\@setfontsize\\normalsize{11pt}{15pt}}\\renewcommand\\footnotesize{\\@setfontsize\\footnotesize{9pt}{11pt}}\\makeatother
\\setlength\\parindent{22pt}
\\hyphenpenalty=10000 \\exhyphenpenalty=10000 \\emergencystretch=3em \\widowpenalty=10000 \\clubpenalty=10000
\\begin{document}
\\normalsize
\\begin{titlepage}\\centering {\\large ${esc(b.author!)}\\par}\\vspace{40mm}{\\huge\\bfseries ${esc(b.title)}\\par}\\vfill ${esc(b.placeYear!)}\\end{titlepage}
\\frontmatter
\\tableofcontents
${b.front.map(chapter).join('\n\n')}
\\mainmatter
${(b.body as Chapter[]).map(chapter).join('\n\n')}
\\backmatter
${b.back.map(chapter).join('\n\n')}
\\clearpage\\thispagestyle{empty}\\vspace*{\\fill}\\begin{center}${esc(b.colophon!.publisher!)}\\\\In ${esc(b.colophon!.printRun!)} bản.\\\\${esc(b.colophon!.price!)}\\end{center}
\\end{document}
`;
}

