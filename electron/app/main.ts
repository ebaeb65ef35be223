/**
 * The Electron shell, kept thin: one window, sandboxed, with the contract bound to IPC through the
 * same dispatcher as browser mode and the CLI. Everything else lives in electron/core.
 */
import { app, BrowserWindow, dialog, ipcMain, session, shell, type IpcMainInvokeEvent } from 'electron';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../../shared/security';
import { createServices } from '../core/services';
import { CHOOSE_FILES_CHANNEL, CHOOSE_FOLDER_CHANNEL, INVOKE_CHANNEL, SAVE_FILE_CHANNEL } from './channels';
import { handleFileProtocol, registerFileScheme } from './fileProtocol';

if (app.isPackaged) process.env.SUQUAN_RESOURCES = path.join(process.resourcesPath, 'resources');

registerFileScheme();

// One Sử Quán at a time: a second start brings the open window forward instead.
if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', () => {
  const win = BrowserWindow.getAllWindows()[0];
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

/** The app's page: the built renderer, or Vite's dev server under `electron-vite dev`. */
const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(path.join(__dirname, '../renderer/index.html')).href;
/** What every URL of the app's own page starts with. */
const appPrefix = process.env.ELECTRON_RENDERER_URL ? `${new URL(process.env.ELECTRON_RENDERER_URL).origin}/` : rendererUrl;

/** IPC is answered only for the app's own page (Electron's security checklist: validate senders). */
function trusted(event: IpcMainInvokeEvent): boolean {
  return (event.senderFrame?.url ?? '').startsWith(appPrefix);
}

const services = createServices({
  defaultParent: path.join(app.getPath('documents'), 'Sử Quán'),
  stateDir: app.getPath('userData'),
  onError: (e, where) => console.error(`[${where}]`, e),
});

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
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
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // No navigation away from the app, no new windows; external links open in the user's browser.
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(rendererUrl);
  return win;
}

void app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  handleFileProtocol(services);

  ipcMain.handle(INVOKE_CHANNEL, (event, service: unknown, method: unknown, args: unknown) => {
    if (!trusted(event)) throw new Error('Yêu cầu không đến từ cửa sổ của Sử Quán.');
    return services.dispatch(String(service), String(method), args);
  });
  ipcMain.handle(SAVE_FILE_CHANNEL, async (event, suggestedName: unknown, bytes: unknown) => {
    const win = BrowserWindow.fromWebContents(event.sender);
    if (!win || !trusted(event) || typeof suggestedName !== 'string' || !(bytes instanceof Uint8Array)) return null;
    const r = await dialog.showSaveDialog(win, { defaultPath: suggestedName });
    if (r.canceled || !r.filePath) return null;
    try {
      writeFileSync(r.filePath, bytes);
    } catch (e) {
      throw new Error(`Không ghi được tệp ${r.filePath}: ${(e as Error).message}.`);
    }
    return r.filePath;
  });
  ipcMain.handle(CHOOSE_FILES_CHANNEL, async (event) => {
    const win = BrowserWindow.fromWebContents(event.sender);
    if (!win || !trusted(event)) return [];
    const r = await dialog.showOpenDialog(win, {
      properties: ['openFile', 'multiSelections'],
      filters: [{ name: 'Tư liệu', extensions: ['jpg', 'jpeg', 'png', 'tif', 'tiff', 'pdf', 'docx', 'html', 'htm', 'txt'] }],
    });
    return r.canceled ? [] : r.filePaths;
  });
  ipcMain.handle(CHOOSE_FOLDER_CHANNEL, async (event) => {
    const win = BrowserWindow.fromWebContents(event.sender);
    if (!win || !trusted(event)) return null;
    const r = await dialog.showOpenDialog(win, { properties: ['openDirectory', 'createDirectory'] });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  });

  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  services.dispose();
  if (process.platform !== 'darwin') app.quit();
});
