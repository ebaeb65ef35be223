// markdown-it-footnote ships no types: one declaration for the typesetter's Markdown reader and the in-app guide.
declare module 'markdown-it-footnote' {
  import type MarkdownIt from 'markdown-it';
  const plugin: (md: MarkdownIt) => void;
  export default plugin;
}
