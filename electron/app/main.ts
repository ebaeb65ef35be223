/**
 * The Electron shell, kept thin: one sandboxed window whose page is served from `suquan-app://`
 * (appProtocol.ts), one IPC channel for calls and one for events, the scan/export file protocol,
 * native dialogs, links to the outside opened only after asking (externalLinks.ts). The services
 * run in their own utility process (serviceProcess.ts), so this process — which answers the
 * window — never waits for a typesetting run, an import or SQLite.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session, type IpcMainInvokeEvent, type WebContents } from 'electron';
import path from 'node:path';
import type { WireResponse } from '../../shared/api/contract';
import { contentSecurityPolicy } from '../../shared/security';
import type { ServiceConnection } from '../core/remote/serviceConnection';
import { superviseServices } from '../core/remote/supervisor';
import { createLogger } from '../host/log';
import { openAtStart, startProjectOf } from '../host/startProject';
import { APP_ORIGIN, APP_PAGE_URL, appScheme, handleAppProtocol } from './appProtocol';
import { EVENT_CHANNEL, INVOKE_CHANNEL, WINDOW_SERVICE } from './channels';
import { openExternalAfterAsking } from './externalLinks';
import { fileScheme, handleFileProtocol } from './fileProtocol';
import { startServiceProcess } from './serviceProcess';

if (app.isPackaged) process.env.SUQUAN_RESOURCES = path.join(process.resourcesPath, 'resources');

// Before the app is ready, and once for all schemes (Electron accepts one call).
protocol.registerSchemesAsPrivileged([appScheme, fileScheme]);

// One Sử Quán at a time: a second start brings the open window forward instead.
if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', () => {
  const win = BrowserWindow.getAllWindows()[0];
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

const log = createLogger({ dir: app.getPath('logs'), stderr: !app.isPackaged, processName: 'main' });
process.on('uncaughtException', (e) => log.error(e, 'main: uncaught exception'));
process.on('unhandledRejection', (e) => log.error(e, 'main: unhandled rejection'));

/** The app's page: the built renderer through suquan-app://, or Vite's dev server under `electron-vite dev`. */
const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? APP_PAGE_URL;
/** What every URL of the app's own page starts with. */
const appPrefix = `${process.env.ELECTRON_RENDERER_URL ? new URL(process.env.ELECTRON_RENDERER_URL).origin : APP_ORIGIN}/`;

/**
 * IPC is answered only for the app's own page in its top frame (Electron's security checklist:
 * validate the sender of every message); a subframe or any other page is refused.
 */
export function trusted(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return !!frame && frame === event.sender.mainFrame && frame.url.startsWith(appPrefix);
}

/** The window's options, after Electron's security checklist. */
export const windowOptions = {
  width: 1360,
  height: 860,
  minWidth: 960,
  minHeight: 600,
  title: 'Sử Quán',
  show: false,
  webPreferences: {
    preload: path.join(__dirname, '../preload/index.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  },
};

/** The service process (started once the app is ready, and again if it ever ends unexpectedly). */
let services: ServiceConnection | null = null;

const windows = new Set<WebContents>();

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(windowOptions);
  const contents = win.webContents;
  windows.add(contents);
  contents.once('destroyed', () => windows.delete(contents));
  win.once('ready-to-show', () => win.show());
  // No navigation away from the app, no new windows; external links open in the user's browser.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => {
    if (!event.url.startsWith(appPrefix)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalAfterAsking(win, url, log).catch((e: unknown) => log.error(e, 'main: open external link'));
    return { action: 'deny' };
  });
  void win.loadURL(rendererUrl);
  return win;
}

/** The window's own abilities (the save dialog), answered here, never by the service process. */
async function windowCall(event: IpcMainInvokeEvent, method: string, args: unknown): Promise<WireResponse> {
  const win = BrowserWindow.fromWebContents(event.sender);
  if (!win) return { ok: true, result: null };
  const a = (args ?? {}) as Record<string, unknown>;
  switch (method) {
    case 'chooseSavePath': {
      const r = await dialog.showSaveDialog(win, { defaultPath: typeof a.suggestedName === 'string' ? a.suggestedName : undefined });
      return { ok: true, result: r.canceled || !r.filePath ? null : r.filePath };
    }
    default:
      return { ok: false, error: { code: 'api.unknown-method', message: `Không có chức năng ${WINDOW_SERVICE}.${method}.` } };
  }
}

void app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  const supervised = superviseServices(
    (onLost) =>
      startServiceProcess(
        { defaultParent: path.join(app.getPath('documents'), 'Sử Quán'), stateDir: app.getPath('userData'), logDir: app.getPath('logs') },
        onLost,
      ),
    (why) => log.error(new Error(`service process ended: ${why}`), 'main'),
  );
  services = supervised;
  const logError = (e: unknown, where: string) => log.error(e, where);
  handleAppProtocol(path.join(__dirname, '../renderer'), logError);
  handleFileProtocol(supervised, appPrefix.slice(0, -1), logError);

  ipcMain.handle(INVOKE_CHANNEL, (event, service: unknown, method: unknown, args: unknown): Promise<WireResponse> | WireResponse => {
    if (!trusted(event)) return { ok: false, error: { code: 'api.untrusted-sender', message: 'Yêu cầu không đến từ cửa sổ của Sử Quán.' } };
    if (service === WINDOW_SERVICE) return windowCall(event, String(method), args);
    return supervised.dispatch(String(service), String(method), args);
  });
  // Events go to every window of the app (there is one), from whichever process serves now.
  supervised.subscribe((event) => {
    for (const contents of windows) if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
  });

  // `npm start -- --sample` / `--open DIR`: opened before the window asks which project is open.
  void openAtStart(startProjectOf(process.argv), (s, m, a) => supervised.dispatch(s, m, a), { info: (line) => log.info(line), error: (line) => log.error(new Error(line), 'main: open at start') }).finally(() => createWindow());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

// Quitting waits for the service process to stop its jobs and close the project.
let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !services) return;
  event.preventDefault();
  quitting = true;
  void services
    .dispose()
    .catch((e: unknown) => log.error(e, 'main: dispose'))
    .finally(() => app.quit());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
