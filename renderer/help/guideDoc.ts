/**
 * The user guide's Markdown (resources/guide/huong-dan.md) as the help window shows it: its title
 * from the front matter, and its sections (one per `#` or `##` heading) each as HTML with a plain
 * text for search. The same file is what the typesetter prints, so it carries the typesetter's
 * marks: heading attributes `{#id}` (kept as the heading's element id, so `openHelp('sao-luu')`
 * can scroll there), `{-}`/`{.front}`, and index terms `[Tên]{.person}` (shown as the bare name).
 *
 * markdown-it with html off: the guide is ours, but the window never renders raw HTML from a file.
 */
import MarkdownIt from 'markdown-it';
import footnotePlugin from 'markdown-it-footnote';

export interface GuideSection {
  /** The heading's `{#id}`, or a made-up one ('muc-3') when it has none; '' for the text before the first heading. */
  id: string;
  /** 1 for `#` (a chapter of the guide), 2 for `##`; 0 for the text before the first heading. */
  level: 0 | 1 | 2;
  title: string;
  /** The chapter (level 1) a `##` section belongs to, by id. */
  parent: string | null;
  /** The heading and the text up to the next `#`/`##` heading, rendered. */
  html: string;
  /** The heading and text as plain text, for search. */
  text: string;
}

export interface GuideDoc {
  title: string;
  subtitle: string;
  sections: GuideSection[];
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false }).use(footnotePlugin);
type Token = ReturnType<typeof md.parse>[number];

// Links leave the window for the user's browser (Electron asks first), never navigate it; links
// to `#id` stay inside the guide (the view scrolls to them).
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx]!.attrGet('href') ?? '');
  if (!href.startsWith('#')) {
    tokens[idx]!.attrSet('target', '_blank');
    tokens[idx]!.attrSet('rel', 'noopener noreferrer');
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** `[Hồ Chí Minh]{.person}` → `Hồ Chí Minh`: the typesetter's index terms read as their text. */
const INDEX_TERM = /\[([^\]\n]+)\]\{\.(?:person|nguoi|place|diadanh|org|organisation|subject)\}/g;
/** Heading attributes at the very end of a heading, as the typesetter reads them (not right after a `]`). */
const HEADING_ATTRS = /(^|[^\]])\s*\{([^{}]*)\}\s*$/;

/** Splits off a YAML front-matter block and reads its title and subtitle (plain `key: value` lines). */
function frontMatter(src: string): { title: string; subtitle: string; body: string } {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(src);
  if (!m) return { title: '', subtitle: '', body: src };
  const value = (key: string) => {
    const line = new RegExp(`^${key}:[ \\t]*(.*)$`, 'm').exec(m[1]!)?.[1]?.trim() ?? '';
    return /^(["']).*\1$/.test(line) ? line.slice(1, -1) : line;
  };
  return { title: value('title'), subtitle: value('subtitle'), body: src.slice(m[0].length) };
}

/** Removes a heading's trailing `{…}` attributes from its inline tokens; returns the `#id` among them. */
function takeHeadingId(inline: Token): string | null {
  const m = HEADING_ATTRS.exec(inline.content);
  if (!m) return null;
  const attrs = m[2]!.trim().split(/\s+/);
  if (!attrs.every((a) => /^(#[\w-]+|\.[\w-]+|-)$/.test(a))) return null;
  inline.content = inline.content.slice(0, m.index + m[1]!.length).trimEnd();
  const last = inline.children?.[inline.children.length - 1];
  if (last?.type === 'text') last.content = last.content.replace(/\s*\{[^{}]*\}\s*$/, '');
  return attrs.find((a) => a.startsWith('#'))?.slice(1) ?? null;
}

/** The words of some tokens, without their marks. */
function plainText(tokens: Token[]): string {
  const out: string[] = [];
  for (const t of tokens) {
    if (t.type === 'inline') out.push((t.children ?? []).map((c: Token) => (c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' || c.type === 'hardbreak' ? ' ' : '')).join(''));
    else if (t.type === 'fence' || t.type === 'code_block') out.push(t.content);
  }
  return out.join(' ').replace(/\s+/g, ' ').trim();
}

const idOf = (heading: Token): string => String(heading.attrGet('id') ?? '');

export function parseGuide(markdown: string): GuideDoc {
  const { title, subtitle, body } = frontMatter(markdown.normalize('NFC'));
  const env = {};
  const tokens = md.parse(body.replace(INDEX_TERM, '$1'), env);

  // Every heading gets its id; deeper ones too, so links to them work.
  let made = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== 'heading_open') continue;
    const id = takeHeadingId(tokens[i + 1]!) ?? `muc-${++made}`;
    t.attrSet('id', id);
  }

  // Cut at the top-level `#`/`##` headings.
  const starts: number[] = [];
  tokens.forEach((t, i) => t.type === 'heading_open' && t.level === 0 && (t.tag === 'h1' || t.tag === 'h2') && starts.push(i));
  const sections: GuideSection[] = [];
  const cut = (from: number, to: number, heading: Token | null, parent: string | null) => {
    const slice = tokens.slice(from, to);
    if (!heading && plainText(slice) === '') return;
    sections.push({
      id: heading ? idOf(heading) : '',
      level: heading ? (heading.tag === 'h1' ? 1 : 2) : 0,
      title: heading ? plainText([tokens[from + 1]!]) : '',
      parent,
      html: md.renderer.render(slice, md.options, env),
      text: plainText(slice),
    });
  };
  cut(0, starts[0] ?? tokens.length, null, null);
  let chapter: string | null = null;
  starts.forEach((start, k) => {
    const heading = tokens[start]!;
    if (heading.tag === 'h1') chapter = idOf(heading);
    cut(start, starts[k + 1] ?? tokens.length, heading, heading.tag === 'h2' ? chapter : null);
  });
  return { title, subtitle, sections };
}
