/** Implements the `project` contract. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServiceImpl } from '../../../shared/api/contract';
import type { ProjectInfo } from '../../../shared/api/project';
import type { projectContract } from '../../../shared/api/project';
import type { ProjectSession } from './projectSession';
import { replaceFile } from '../atomicFile';
import { UserFacingError } from '../../../shared/errors';

export interface ProjectServiceOptions {
  /** Where new projects go by default (browser mode offers it in the create dialog). */
  defaultParent?: string;
  /** Where the list of recent projects is kept; none = in memory only. */
  stateDir?: string;
  /** Makes the sample project (electron/core/sample); without it `openSample` says there is none. */
  sample?: { folderName(): string; build(dir: string): Promise<unknown> };
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
    // Replaced whole: a crash while writing would otherwise leave the app with no recent projects.
    if (recentFile) replaceFile(recentFile, (tmp) => writeFileSync(tmp, JSON.stringify(recent, null, 2)), { durable: true });
  }

  // One sample build at a time: a second click waits for the first instead of building twice.
  let sampleBuild: Promise<unknown> | null = null;

  function safeTitle(): string {
    try {
      return session.title();
    } catch (e) {
      if (!session.require().readOnly) throw e;
      return path.basename(session.require().layout.root);
    }
  }

  function info(): ProjectInfo {
    const { layout, db, readOnly } = session.require();
    // A damaged database may fail to count: the banner says so, the counts show what could be read.
    const count = (table: 'documents' | 'books') => {
      try {
        return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      } catch (e) {
        if (!readOnly) throw e;
        return 0;
      }
    };
    const counts = { documents: count('documents'), books: count('books') };
    return {
      path: layout.root,
      title: safeTitle(),
      schemaVersion: session.schemaVersion(),
      documentCount: counts.documents,
      bookCount: counts.books,
      readOnly,
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
    async open({ path: dir, mode }) {
      if (session.isOpen) await lifecycle.beforeClose();
      session.open(path.resolve(defaultParent, dir), { readOnly: mode === 'read', readOnlyIfHeld: mode === 'read-if-held' });
      const result = info();
      remember(result.path);
      return result;
    },
    async openSample({ path: dir }) {
      const sample = opts.sample;
      if (!sample) throw new UserFacingError('project.no-sample', 'Bản Sử Quán này không kèm dự án mẫu.');
      const target = dir ? path.resolve(defaultParent, dir) : path.join(defaultParent, sample.folderName());
      let created = false;
      if (!existsSync(path.join(target, 'project.sqlite'))) {
        if (!sampleBuild) {
          sampleBuild = sample.build(target).finally(() => {
            sampleBuild = null;
          });
          created = true;
        }
        await sampleBuild;
      }
      if (session.isOpen) await lifecycle.beforeClose();
      session.open(target, {});
      const result = info();
      remember(result.path);
      return { ...result, created };
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
