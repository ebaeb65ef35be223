// The browser build of pdf.js has the same API as the package's main entry (whose types these are).
declare module 'pdfjs-dist/build/pdf.mjs' {
  export * from 'pdfjs-dist';
}
