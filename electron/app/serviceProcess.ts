/**
 * Starts the service process as an Electron utility process (out/main/service.cjs, built from
 * electron/host/service/main.ts) and returns the connection to it. If it ever ends unexpectedly,
 * the calls in flight fail with one sentence and the next call starts a fresh one.
 */
import { utilityProcess } from 'electron';
import path from 'node:path';
import type { Message, Request } from '../core/remote/protocol';
import { connectServices, type ServiceConnection } from '../core/remote/serviceConnection';

export interface ServiceProcessArgs {
  defaultParent: string;
  stateDir: string;
  logDir: string;
}

export function startServiceProcess(args: ServiceProcessArgs, onLost: (why: string) => void): ServiceConnection {
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
  child.on('exit', (code) => connection.lost(`mã thoát ${code}`));
  return connection;
}
