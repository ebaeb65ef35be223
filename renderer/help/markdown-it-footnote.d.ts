// The plugin ships no types (the typesetter's copy of this declaration is in electron/core/publish).
declare module 'markdown-it-footnote' {
  import type MarkdownIt from 'markdown-it';
  const plugin: (md: MarkdownIt) => void;
  export default plugin;
}
