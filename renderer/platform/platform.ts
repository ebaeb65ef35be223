/**
 * What differs between the Electron window and browser mode, behind one interface: how the API
 * is reached, how events arrive, how scans and exported files are addressed, how files are saved
 * and how the files a user drops reach the host (paths in Electron, a streamed upload in the
 * browser). No file's bytes ever travel inside an API call.
 */
import { createClient, type Transport } from '../../shared/api/client';
import type { FileRef } from '../../shared/api/archive';
import type { WireResponse } from '../../shared/api/contract';
import type { ServiceEvent } from '../../shared/api/events';
import type { Api } from '../../shared/api/index';
import type { ExportedFile } from '../../shared/api/publish';
import { decodeWire, encodeWire } from '../../shared/api/wire';

/**
 * The preload's bridge (electron/app/preload.ts): the contract's calls, the window's own few
 * abilities as the pseudo-service "window" (dialogs), and the host's events.
 */
interface PreloadBridge {
  invoke(service: string, method: string, args: unknown): Promise<WireResponse>;
  onEvent(listener: (event: ServiceEvent) => void): () => void;
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    suquan?: PreloadBridge;
  }
}

export interface UploadResult {
  paths: string[];
  rejected: { relPath: string; reason: string }[];
}

export interface Platform {
  kind: 'electron' | 'browser';
  api: Api;
  fileUrl(ref: FileRef): string;
  /** Where the window can read a file the host exported (the preview's pdf.js loads it by ranges). */
  exportUrl(exportId: string): string;
  /**
   * Puts an exported file where the user wants it: Electron asks with the save dialog and the
   * host copies the file there; the browser downloads it. The path chosen, or null if cancelled
   * (a browser download reports its name).
   */
  saveExport(file: ExportedFile): Promise<string | null>;
  /** Asks for a path to save a new file under (Electron); null in the browser or when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /** The on-disk path of a dropped/chosen file, when the platform knows it (Electron). */
  pathForFile(file: File): string | null;
  /**
   * Browser mode: sends files to the host, each as a streamed request body (never base64, never
   * whole in memory), under one fresh folder that keeps their relative paths ("Hồ sơ 12/trang
   * 2.jpg"). Returns the host paths of the top-level entries, in the order given, to import, and
   * the files the host refused (too large, a bad name, a full disk) with its sentence: one refused
   * file does not stop the others. A lost connection rejects.
   */
  uploadFiles(items: { file: File; relPath: string }[], onProgress?: (sentBytes: number, totalBytes: number) => void): Promise<UploadResult>;
  /** Subscribes to the host's events (job progress); returns the unsubscribe function. */
  onEvent(listener: (event: ServiceEvent) => void): () => void;
}

const httpTransport: Transport = async (service, method, args) => {
  const res = await fetch(`api/${service}/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: encodeWire(args ?? {}),
    credentials: 'same-origin',
  });
  const text = await res.text();
  if (!res.headers.get('content-type')?.startsWith('application/json')) {
    return { ok: false, error: { code: `http.${res.status}`, message: text || `Lỗi kết nối (${res.status}).` } };
  }
  return decodeWire(text) as WireResponse;
};

/** One EventSource for the whole window, shared by every subscriber. */
function browserEvents(): (listener: (event: ServiceEvent) => void) => () => void {
  const listeners = new Set<(event: ServiceEvent) => void>();
  let source: EventSource | null = null;
  return (listener) => {
    listeners.add(listener);
    if (!source) {
      source = new EventSource('api/events', { withCredentials: true });
      source.onmessage = (m: MessageEvent<string>) => {
        let event: ServiceEvent;
        try {
          event = JSON.parse(m.data) as ServiceEvent;
        } catch {
          return;
        }
        for (const l of [...listeners]) l(event);
      };
    }
    return () => {
      listeners.delete(listener);
    };
  };
}

const topLevel = (relPath: string) => relPath.split('/')[0] ?? relPath;

async function uploadOverHttp(items: { file: File; relPath: string }[], onProgress?: (sent: number, total: number) => void): Promise<UploadResult> {
  const total = items.reduce((n, it) => n + it.file.size, 0);
  const batch = crypto.randomUUID();
  let sent = 0;
  const roots = new Map<string, string>();
  const rejected: UploadResult['rejected'] = [];
  for (const it of items) {
    const res = await fetch(`api/upload?batch=${encodeURIComponent(batch)}&path=${encodeURIComponent(it.relPath.normalize('NFC'))}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: it.file,
      credentials: 'same-origin',
    });
    const text = await res.text();
    if (!res.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
      } catch {
        /* plain text */
      }
      rejected.push({ relPath: it.relPath, reason: message || `${it.relPath}: lỗi tải lên (${res.status}).` });
    } else {
      const { root } = JSON.parse(text) as { root: string };
      if (!roots.has(topLevel(it.relPath))) roots.set(topLevel(it.relPath), root);
    }
    sent += it.file.size;
    onProgress?.(sent, total);
  }
  return { paths: [...roots.values()], rejected };
}

function download(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

function createPlatform(): Platform {
  const bridge = window.suquan;
  if (bridge) {
    const api = createClient((s, m, a) => bridge.invoke(s, m, a));
    const chooseSavePath = async (suggestedName: string) => {
      const r = await bridge.invoke('window', 'chooseSavePath', { suggestedName });
      return r.ok ? (r.result as string | null) : null;
    };
    return {
      kind: 'electron',
      api,
      fileUrl: (ref) => `suquan-file://${ref.kind}/${ref.pageId}`,
      exportUrl: (exportId) => `suquan-file://export/${exportId}`,
      async saveExport(file) {
        const target = await chooseSavePath(file.fileName);
        if (!target) return null;
        return (await api.publish.saveExport({ exportId: file.exportId, path: target })).path;
      },
      chooseSavePath,
      pathForFile: (file) => bridge.pathForFile(file) || null,
      uploadFiles: () => Promise.reject(new Error('Cửa sổ Electron nhập tệp theo đường dẫn, không tải lên.')),
      onEvent: (listener) => bridge.onEvent(listener),
    };
  }
  return {
    kind: 'browser',
    api: createClient(httpTransport),
    fileUrl: (ref) => `files/${ref.kind}/${ref.pageId}`,
    exportUrl: (exportId) => `files/export/${exportId}`,
    async saveExport(file) {
      download(`files/export/${file.exportId}?download=1`, file.fileName);
      return file.fileName;
    },
    chooseSavePath: () => Promise.resolve(null),
    pathForFile: () => null,
    uploadFiles: uploadOverHttp,
    onEvent: browserEvents(),
  };
}

export const platform = createPlatform();
export const api = platform.api;
