/**
 * A link the page asks to open outside (window.open, target=_blank) goes to the user's browser
 * only if core/externalLinks.ts's `externalLinkDecision` allows it — https, no credentials, a host on
 * the allow-list (by default the host of package.json's homepage) — and the user, shown the full
 * address, says yes. Everything else is refused and logged; the window itself never navigates.
 */
import { dialog, shell, type BrowserWindow } from 'electron';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { externalLinkDecision, linkHostsOf } from '../core/externalLinks';
import type { Logger } from '../host/log';

/** out/main/../../package.json: the project's in development, app.asar's when packaged. */
function allowedHosts(): string[] {
  try {
    return linkHostsOf((JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { homepage?: unknown }).homepage);
  } catch {
    return [];
  }
}

let hosts: string[] | null = null;

export async function openExternalAfterAsking(win: BrowserWindow, raw: string, log: Pick<Logger, 'info'>): Promise<void> {
  hosts ??= allowedHosts();
  const decision = externalLinkDecision(raw, hosts);
  if (!decision.open) {
    log.info(`external link refused (${decision.reason}): ${raw.slice(0, 300)}`);
    return;
  }
  const answer = await dialog.showMessageBox(win, {
    type: 'question',
    title: 'Mở trang web',
    message: 'Mở địa chỉ này trong trình duyệt của máy?',
    detail: decision.url,
    buttons: ['Mở trong trình duyệt', 'Không mở'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  });
  if (answer.response !== 0) return;
  await shell.openExternal(decision.url);
}
