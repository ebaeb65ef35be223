/**
 * A recording stand-in for the 'electron' module, enough to load the built main bundle under
 * plain Node: it records the window's options, the IPC handlers, the protocol handler and the
 * session's hooks, and starts the utility process as a real Node child process (the service
 * process's entry speaks to either), so calls really cross into another process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Listener = (...args: unknown[]) => unknown;

export interface FakeFrame {
  url: string;
}

export class FakeWebContents {
  readonly mainFrame: FakeFrame = { url: '' };
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly listeners = new Map<string, Listener[]>();
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  on(event: string, l: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), l]);
    return this;
  }
  once(event: string, l: Listener) {
    return this.on(event, l);
  }
  emit(event: string, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.windowOpenHandler = h;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
  isDestroyed() {
    return false;
  }
}

export class FakeBrowserWindow {
  static all: FakeBrowserWindow[] = [];
  static getAllWindows() {
    return FakeBrowserWindow.all;
  }
  static fromWebContents(wc: FakeWebContents) {
    return FakeBrowserWindow.all.find((w) => w.webContents === wc) ?? null;
  }
  readonly webContents = new FakeWebContents();
  loadedUrl = '';
  constructor(readonly options: Record<string, unknown>) {
    FakeBrowserWindow.all.push(this);
  }
  once() {}
  loadURL(url: string) {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
}

export function createElectronStandIn(paths: Record<string, string>) {
  const appListeners = new Map<string, Listener[]>();
  const rec = {
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, Listener>(),
    headersHook: null as null | ((details: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void),
    permissionHandler: null as null | ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void),
    children: [] as ChildProcess[],
    quitCalls: 0,
    saveDialogAnswer: '/tmp/chosen.pdf',
    /** What the user answers the next question box (0: the first button). */
    messageBoxAnswer: 1,
    messageBoxes: [] as Record<string, unknown>[],
    openedExternally: [] as string[],
  };
  let ready: () => void = () => {};
  const whenReady = new Promise<void>((r) => (ready = r));
  const electron = {
    app: {
      isPackaged: false,
      getPath: (name: string) => paths[name] ?? paths.userData,
      requestSingleInstanceLock: () => true,
      on(event: string, l: Listener) {
        appListeners.set(event, [...(appListeners.get(event) ?? []), l]);
      },
      whenReady: () => whenReady,
      quit() {
        rec.quitCalls++;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => rec.schemes.push(...s),
      handle: (scheme: string, h: (req: Request) => Promise<Response>) => rec.protocolHandlers.set(scheme, h),
    },
    net: {
      // What Electron's net.fetch does for a file: URL, enough for the test.
      fetch: async (url: string) => new Response(readFileSync(fileURLToPath(url)), { status: 200 }),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (h: typeof rec.headersHook) => (rec.headersHook = h) },
        setPermissionRequestHandler: (h: typeof rec.permissionHandler) => (rec.permissionHandler = h),
      },
    },
    ipcMain: { handle: (channel: string, h: Listener) => rec.ipcHandlers.set(channel, h) },
    BrowserWindow: FakeBrowserWindow,
    dialog: {
      showSaveDialog: async () => ({ canceled: false, filePath: rec.saveDialogAnswer }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showMessageBox: async (_win: unknown, options: Record<string, unknown>) => {
        rec.messageBoxes.push(options);
        return { response: rec.messageBoxAnswer, checkboxChecked: false };
      },
    },
    shell: {
      openExternal: async (url: string) => {
        rec.openedExternally.push(url);
      },
    },
    utilityProcess: {
      fork(modulePath: string, args: string[]) {
        const child = fork(modulePath, args, { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        rec.children.push(child);
        return {
          postMessage: (m: unknown) => child.send(m as never),
          on(event: string, l: Listener) {
            if (event === 'message') child.on('message', (m) => l(m));
            else if (event === 'exit') child.on('exit', (code) => l(code));
          },
          kill: () => child.kill(),
        };
      },
    },
  };
  return {
    electron,
    rec,
    /** Fires app.whenReady(), as Electron does once it has started. */
    ready,
    emitApp(event: string, ...args: unknown[]) {
      for (const l of appListeners.get(event) ?? []) l(...args);
    },
  };
}
