/**
 * What differs between the Electron window and browser mode, behind one interface: how the API
 * is reached, how scans are addressed, how files are saved and how dropped files are read.
 */
import { createClient, type Transport } from '../../shared/api/client';
import type { FileRef } from '../../shared/api/archive';
import type { WireResponse } from '../../shared/api/contract';
import type { Api } from '../../shared/api/index';
import { decodeWire, encodeWire } from '../../shared/api/wire';

interface PreloadBridge {
  invoke(service: string, method: string, args: unknown): Promise<WireResponse>;
  saveFile(suggestedName: string, bytes: Uint8Array): Promise<string | null>;
  chooseFiles(): Promise<string[]>;
  chooseFolder(): Promise<string | null>;
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    suquan?: PreloadBridge;
  }
}

export interface Platform {
  kind: 'electron' | 'browser';
  api: Api;
  fileUrl(ref: FileRef): string;
  /** Saves bytes as a file the user chooses (Electron) or downloads them (browser). */
  saveFile(name: string, bytes: Uint8Array, mime: string): Promise<void>;
  /** The on-disk path of a dropped/chosen file, when the platform knows it. */
  pathForFile(file: File): string | null;
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

function createPlatform(): Platform {
  const bridge = window.suquan;
  if (bridge) {
    return {
      kind: 'electron',
      api: createClient((s, m, a) => bridge.invoke(s, m, a)),
      fileUrl: (ref) => `suquan-file://${ref.kind}/${ref.pageId}`,
      async saveFile(name, bytes) {
        await bridge.saveFile(name, bytes);
      },
      pathForFile: (file) => bridge.pathForFile(file) || null,
    };
  }
  return {
    kind: 'browser',
    api: createClient(httpTransport),
    fileUrl: (ref) => `files/${ref.kind}/${ref.pageId}`,
    async saveFile(name, bytes, mime) {
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    pathForFile: () => null,
  };
}

export const platform = createPlatform();
export const api = platform.api;
