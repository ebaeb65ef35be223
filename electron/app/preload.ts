/**
 * The whole preload: it exposes `invoke(service, method, args)` for the contract, plus the few
 * native abilities the UI needs (save a file, choose files/folders, the path of a dropped file).
 * A sandboxed preload may load only 'electron' (and events, timers, url): it imports nothing else
 * (bin/check-preload.js checks the built file). Names and arguments are checked by the
 * dispatcher in the main process, which refuses what the contract does not have.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CHOOSE_FILES_CHANNEL, CHOOSE_FOLDER_CHANNEL, INVOKE_CHANNEL, SAVE_FILE_CHANNEL } from './channels';

contextBridge.exposeInMainWorld('suquan', {
  invoke(service: string, method: string, args: unknown) {
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
