/**
 * Which links the page may open outside the app (in the user's browser), decided without Electron
 * so it is tested under Node; electron/app/externalLinks.ts asks the user and opens.
 */
export type ExternalLinkDecision = { open: true; url: string } | { open: false; reason: string };

/**
 * Whether a link the page asks to open (window.open, target=_blank) may go to the user's browser,
 * before the user is asked: only an https: address, without a user name or password in it (a
 * classic disguise: https://suquan.example.org@evil.example/), on the default port, whose host is
 * on the allow-list exactly (no subdomains: a subdomain is someone else's site). Anything else —
 * file:, javascript:, http:, mailto:, smb:, a custom scheme that starts another program — is
 * refused; the reason is for the log, not the user.
 */
export function externalLinkDecision(raw: string, allowedHosts: readonly string[]): ExternalLinkDecision {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { open: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'https:') return { open: false, reason: `scheme ${url.protocol} is not allowed` };
  if (url.username || url.password) return { open: false, reason: 'credentials in the URL' };
  if (url.port) return { open: false, reason: `port ${url.port}` };
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (!allowedHosts.some((h) => h.toLowerCase() === host)) return { open: false, reason: `host ${host} is not on the allow-list` };
  return { open: true, url: url.href };
}

/** The allow-list by default: the host of the project's homepage (package.json), if it is https. */
export function linkHostsOf(homepage: unknown): string[] {
  if (typeof homepage !== 'string') return [];
  try {
    const url = new URL(homepage);
    return url.protocol === 'https:' ? [url.hostname.toLowerCase()] : [];
  } catch {
    return [];
  }
}
