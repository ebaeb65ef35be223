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
}

const projectPath = z.string().trim().min(1, 'Cần đường dẫn thư mục dự án.').max(4096);

export const projectContract = {
  /** Creates a new project folder (it must not exist or be empty) and opens it. */
  create: method<ProjectInfo>()(
    z.object({ path: projectPath, title: z.string().trim().min(1, 'Cần tên dự án.').max(300) }),
  ),
  /** Opens an existing project folder: migrates its schema and checks its integrity. */
  open: method<ProjectInfo>()(z.object({ path: projectPath })),
  close: method<null>()(z.object({})),
  /** The open project, or null. */
  current: method<ProjectInfo | null>()(z.object({})),
  /** Where new projects go by default, and recently opened ones. */
  locations: method<{ defaultParent: string; recent: string[] }>()(z.object({})),
};
