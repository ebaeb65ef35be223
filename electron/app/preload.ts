/**
 * The whole preload (VS Code's is the model): it forwards calls and events through one channel
 * each and knows nothing else. `invoke(service, method, args)` reaches the contract's services
 * (and the pseudo-service "window" for native dialogs); `onEvent` delivers the services' events;
 * `pathForFile` gives a dropped file's path. A sandboxed preload may load only 'electron' (and
 * events, timers, url): it imports nothing else (tests/unit/app/preloadBundle.test.ts loads the
 * built file in such a sandbox). Names and arguments are checked in the main process and by the
 * dispatcher, which refuse what the contract does not have.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';

contextBridge.exposeInMainWorld('suquan', {
  invoke(service: string, method: string, args: unknown): Promise<unknown> {
    return ipcRenderer.invoke(INVOKE_CHANNEL, String(service), String(method), args);
  },
  onEvent(listener: (event: unknown) => void): () => void {
    const handler = (_e: IpcRendererEvent, event: unknown) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
});
