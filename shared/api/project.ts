/** Contract of the `project` service: create, open and close a project folder. */
import { z } from 'zod';
import { method } from './contract';

export interface ProjectInfo {
  /** Absolute path of the project folder. */
  path: string;
  title: string;
  schemaVersion: number;
  documentCount: number;
  bookCount: number;
  /**
   * Set when this window may only read the project: another process holds it (`requested`), its
   * folder cannot be written (`folder`), or its database failed the integrity check (`damaged`).
   * `message` is the banner's sentence.
   */
  readOnly: { reason: 'requested' | 'folder' | 'damaged'; message: string } | null;
}

const projectPath = z.string().trim().min(1, 'Cần đường dẫn thư mục dự án.').max(4096);

export const projectContract = {
  /** Creates a new project folder (it must not exist or be empty) and opens it. */
  create: method<ProjectInfo>()(
    z.object({ path: projectPath, title: z.string().trim().min(1, 'Cần tên dự án.').max(300) }),
  ),
  /**
   * Opens an existing project folder: takes its lock (one writer per project), migrates its schema
   * and checks its integrity. `mode`: `write` refuses with who holds it when another process does;
   * `read` opens for reading only; `read-if-held` reads when another process holds it.
   */
  open: method<ProjectInfo>()(z.object({ path: projectPath, mode: z.enum(['write', 'read', 'read-if-held']).default('write') })),
  close: method<null>()(z.object({})),
  /** The open project, or null. */
  current: method<ProjectInfo | null>()(z.object({})),
  /**
   * Opens the sample project (a fictional commune's Party history, made by the app from
   * resources/sample/): creates it first in `path`, or in the default projects folder, when it is
   * not there yet. `created` tells whether it was made now (that takes some seconds: its scans are
   * typeset and aged).
   */
  openSample: method<ProjectInfo & { created: boolean }>()(z.object({ path: projectPath.optional() })),
  /** Where new projects go by default, and recently opened ones. */
  locations: method<{ defaultParent: string; recent: string[] }>()(z.object({})),
};
