// The part of electron-log's Node build that electron/host/log.ts uses. electron-log's own
// declarations augment the DOM's Window globally, which breaks the Node-only layers' types, so
// tsconfig.base.json maps 'electron-log/node' here instead.
interface LogMessage {
  data: unknown[];
  level: string;
}
interface FileTransport {
  level: string | false;
  maxSize: number;
  format: string;
  resolvePathFn: () => string;
  setAppName(name: string): void;
}
interface ConsoleTransport {
  level: string | false;
  writeFn: (options: { message: LogMessage }) => void;
}
interface NodeLogger {
  create(options: { logId: string }): NodeLogger;
  transports: { file: FileTransport; console: ConsoleTransport };
  error(...params: unknown[]): void;
  info(...params: unknown[]): void;
}
declare const log: NodeLogger;
export default log;
