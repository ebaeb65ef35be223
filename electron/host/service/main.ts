/**
 * The service process: the composition root behind a port. Electron starts it as a utility
 * process (`process.parentPort`); browser mode and the tests start it as a Node child process
 * (`process.send`). Options arrive as one JSON argument: `--options={"stateDir":…}`.
 * It ends when its host says so (after closing the project) or when the host goes away.
 */
import { inProcessServices } from '../../core/remote/inProcessServices';
import { serveServices } from '../../core/remote/serveServices';
import type { Message, Port, Request } from '../../core/remote/protocol';
import { createLogger } from '../log';

export interface ServiceProcessOptions {
  defaultParent?: string;
  stateDir?: string;
  /** Folder of the log file; none: stderr only. */
  logDir?: string;
  /** Folder where browser-mode uploads land (imports remove them when done). */
  uploadsDir?: string;
  /** How the project's lock names this process to others. */
  holderName?: string;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

function parentPort(): Port<Request, Message> | null {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (m) => electronPort.postMessage(m),
      onMessage: (l) => electronPort.on('message', (e) => l(e.data as Request)),
    };
  }
  if (process.send) {
    const send = process.send.bind(process);
    return {
      post: (m) => void send(m),
      onMessage: (l) => process.on('message', (m) => l(m as Request)),
    };
  }
  return null;
}

const optionsArg = process.argv.find((a) => a.startsWith('--options='));
const options = (optionsArg ? JSON.parse(optionsArg.slice('--options='.length)) : {}) as ServiceProcessOptions;
const log = createLogger({ dir: options.logDir ?? null, stderr: true, processName: 'services' });

const port = parentPort();
if (!port) {
  console.error('Tiến trình dịch vụ của Sử Quán phải được khởi động bởi Sử Quán (không có kênh liên lạc).');
  process.exit(64);
}

process.on('uncaughtException', (e) => {
  log.error(e, 'services: uncaught exception');
  process.exit(70);
});
process.on('unhandledRejection', (e) => {
  log.error(e, 'services: unhandled rejection');
});

const local = inProcessServices({
  ...(options.defaultParent ? { defaultParent: options.defaultParent } : {}),
  ...(options.stateDir ? { stateDir: options.stateDir } : {}),
  ...(options.uploadsDir ? { uploadsDir: options.uploadsDir } : {}),
  ...(options.holderName ? { holderName: options.holderName } : {}),
  // The app backs up the open project's database on open and every 30 minutes while it is edited.
  autoBackup: true,
  onError: (e, where) => log.error(e, where),
});
serveServices(local, port, () => process.exit(0));
// A Node child whose host died: nobody will ever send "dispose"; close the project cleanly.
process.on('disconnect', () => void local.dispose().finally(() => process.exit(0)));
