/** Implements the `project` contract. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServiceImpl } from '../../../shared/api/contract';
import type { ProjectInfo } from '../../../shared/api/project';
import type { projectContract } from '../../../shared/api/project';
import type { ProjectSession } from './projectSession';

export interface ProjectServiceOptions {
  /** Where new projects go by default (browser mode offers it in the create dialog). */
  defaultParent?: string;
  /** Where the list of recent projects is kept; none = in memory only. */
  stateDir?: string;
}

export interface ProjectLifecycle {
  /**
   * Runs before the open project is closed or replaced: stops its jobs and waits for them, so
   * none is cut off half-way or meets a closed database.
   */
  beforeClose(): Promise<void>;
}

export function createProjectService(
  session: ProjectSession,
  opts: ProjectServiceOptions = {},
  lifecycle: ProjectLifecycle = { beforeClose: async () => {} },
): ServiceImpl<typeof projectContract> {
  const defaultParent = opts.defaultParent ?? path.join(os.homedir(), 'Sử Quán');
  const recentFile = opts.stateDir ? path.join(opts.stateDir, 'recent.json') : null;
  let recent: string[] = [];
  if (recentFile && existsSync(recentFile)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(recentFile, 'utf8'));
      if (Array.isArray(parsed)) recent = parsed.filter((p): p is string => typeof p === 'string');
    } catch {
      recent = [];
    }
  }

  function remember(p: string): void {
    recent = [p, ...recent.filter((r) => r !== p)].slice(0, 10);
    if (recentFile) {
      mkdirSync(path.dirname(recentFile), { recursive: true });
      writeFileSync(recentFile, JSON.stringify(recent, null, 2));
    }
  }

  function info(): ProjectInfo {
    const { layout, db } = session.require();
    const counts = db
      .prepare('SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM books) AS books')
      .get() as { documents: number; books: number };
    return {
      path: layout.root,
      title: session.title(),
      schemaVersion: session.schemaVersion(),
      documentCount: counts.documents,
      bookCount: counts.books,
    };
  }

  return {
    async create({ path: dir, title }) {
      if (session.isOpen) await lifecycle.beforeClose();
      session.create(path.resolve(defaultParent, dir), title);
      const result = info();
      remember(result.path);
      return result;
    },
    async open({ path: dir }) {
      if (session.isOpen) await lifecycle.beforeClose();
      session.open(path.resolve(defaultParent, dir));
      const result = info();
      remember(result.path);
      return result;
    },
    async close() {
      if (session.isOpen) await lifecycle.beforeClose();
      session.close();
      return null;
    },
    current() {
      return session.isOpen ? info() : null;
    },
    locations() {
      return { defaultParent, recent: recent.filter((r) => existsSync(r)) };
    },
  };
}
