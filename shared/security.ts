/**
 * The Content-Security-Policy of the UI, the same in the Electron window and in browser mode:
 * only the app's own scripts, no eval, no remote anything. In Electron 'self' is the page's own
 * `suquan-app://app` origin (electron/app/appProtocol.ts), and `suquan-file:` serves scans
 * (img-src) and the exported PDFs the preview reads (connect-src).
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: suquan-file:",
  "font-src 'self' data:",
  "connect-src 'self' suquan-file:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
