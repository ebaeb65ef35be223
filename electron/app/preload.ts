/**
 * The whole preload: it exposes `invoke(service, method, args)` for the contract, plus the few
 * native abilities the UI needs (save a file, choose files/folders, the path of a dropped file).
 * Names not in the contract are refused here, before they reach the main process.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { isMethodName, isServiceName } from '../../shared/api/index';
import { CHOOSE_FILES_CHANNEL, CHOOSE_FOLDER_CHANNEL, INVOKE_CHANNEL, SAVE_FILE_CHANNEL } from './channels';

contextBridge.exposeInMainWorld('suquan', {
  invoke(service: string, method: string, args: unknown) {
    if (!isServiceName(service) || !isMethodName(service, method)) {
      return Promise.resolve({ ok: false, error: { code: 'api.unknown-method', message: `Không có chức năng ${service}.${method}.` } });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, service, method, args);
  },
  saveFile(suggestedName: string, bytes: Uint8Array): Promise<string | null> {
    return ipcRenderer.invoke(SAVE_FILE_CHANNEL, suggestedName, bytes);
  },
  chooseFiles(): Promise<string[]> {
    return ipcRenderer.invoke(CHOOSE_FILES_CHANNEL);
  },
  chooseFolder(): Promise<string | null> {
    return ipcRenderer.invoke(CHOOSE_FOLDER_CHANNEL);
  },
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
});
