/**
 * Starts the service process as an Electron utility process (out/main/service.cjs, built from
 * electron/host/service/main.ts) and returns the connection to it once it answers. Restarting
 * one that ended is core/remote/supervisor.ts's job.
 */
import { utilityProcess } from 'electron';
import path from 'node:path';
import type { Message, Request } from '../core/remote/protocol';
import { connectServices, type ServiceConnection } from '../core/remote/serviceConnection';

export interface ServiceProcessArgs {
  defaultParent: string;
  stateDir: string;
  logDir: string;
  /** How the project's lock names this process to others. */
  holderName?: string;
}

export async function startServiceProcess(args: ServiceProcessArgs, onLost: (why: string) => void): Promise<ServiceConnection> {
  const child = utilityProcess.fork(path.join(__dirname, 'service.cjs'), [`--options=${JSON.stringify(args)}`], {
    serviceName: 'Sử Quán — dịch vụ',
    stdio: 'inherit',
  });
  const connection = connectServices(
    {
      post: (m: Request) => child.postMessage(m),
      onMessage: (l: (m: Message) => void) => child.on('message', (m: unknown) => l(m as Message)),
    },
    { onLost },
  );
  const exited = new Promise<never>((_, reject) =>
    child.on('exit', (code) => {
      connection.lost(`mã thoát ${code}`);
      reject(new Error(`Tiến trình dịch vụ không khởi động được (mã thoát ${code}).`));
    }),
  );
  exited.catch(() => undefined);
  await Promise.race([connection.ready, exited]);
  return connection;
}
