/**
 * The one composition root. The service process (Electron's utility process, browser mode's
 * child process), the CLI and the tests all call `createServices`, so the entry points cannot
 * drift apart.
 */
import type { EventSink } from '../../shared/api/events';
import { createDispatcher, type Dispatch, type ErrorSink, type Services } from '../../shared/api/dispatch';
import { createArchiveService } from './archive/archiveService';
import { createBackupService, type BackupServiceDeps } from './backup/backupService';
import { createCatalogueService } from './catalogue/catalogueService';
import { createHelpService } from './help/helpService';
import { JobRegistry } from './jobs/jobRegistry';
import { createJobsService } from './jobs/jobsService';
import { createManuscriptService } from './manuscript/manuscriptService';
import { createOcrService } from './ocr/ocrService';
import { createProjectService, type ProjectServiceOptions } from './project/projectService';
import { ProjectSession } from './project/projectSession';
import { createPublishService } from './publish/publishService';
import { retryWhenBusy } from './busyRetry';
import { sampleFolderName } from './sample/sampleFolder';
import { translateSystemError } from './systemErrors';

/** Files of the open project a window may show: scans and the exports it made. */
export interface ProjectFiles {
  thumbnailPath(pageId: number): Promise<string>;
  /** A page as an image a browser can show (JPEG/PNG; PDF and TIFF pages are rendered once into cache/). */
  pageImageOf(pageId: number): Promise<{ path: string; mime: string }>;
  /** A file an export wrote (the preview reads it). */
  exportFile(exportId: string): Promise<{ path: string; mime: string; fileName: string }>;
}

export interface AppServices {
  session: ProjectSession;
  services: Services;
  /** Validating entry point for every transport. */
  dispatch: Dispatch;
  /** File access for the scan protocol / HTTP file route: only files of the open project. */
  files: ProjectFiles;
  /** Stops every job, waits for them, and closes the project. */
  dispose(): Promise<void>;
}

export interface CreateServicesOptions extends ProjectServiceOptions {
  /** Receives internal errors (with their stack); returns the details the user can copy. */
  onError?: ErrorSink;
  /** Receives the services' events (job progress). */
  onEvent?: EventSink;
  /** Where browser-mode uploads land (imported, then removed). */
  uploadsDir?: string;
  /** How the project's lock names this process to others: "Sử Quán", "suquan import"… */
  holderName?: string;
  /** Automatic backups of the open project (on open, then every 30 minutes while edited): the app's service process turns them on. */
  autoBackup?: BackupServiceDeps['auto'];
}

/**
 * The sample project's builder, loaded when first asked for: it builds with services of its own
 * (buildSample imports this module), and typesetting scans is not needed on every start.
 */
const sampleMaker: NonNullable<ProjectServiceOptions['sample']> = {
  folderName: () => sampleFolderName(),
  build: async (dir) => (await import('./sample/buildSample')).buildSample(dir),
};

export function createServices(opts: CreateServicesOptions = {}): AppServices {
  const session = new ProjectSession(opts.holderName ? { holderName: opts.holderName } : {});
  const jobs = new JobRegistry(opts.onEvent);
  const ocr = createOcrService(session, { jobs, ...(opts.onError ? { onError: opts.onError } : {}) });
  const archive = createArchiveService(session, {
    jobs,
    afterImport: (documentIds) => ocr.startForDocuments(documentIds),
    addExport: (...file) => publish.addExport(...file),
    ...(opts.onError ? { onError: opts.onError } : {}),
    ...(opts.uploadsDir ? { uploadsDir: opts.uploadsDir } : {}),
  });
  const publish = createPublishService(session, jobs);
  // Help needs no project: the welcome screen has it too.
  const help = createHelpService();
  const backup = createBackupService(session, { jobs, beforeClose: () => beforeClose(), auto: opts.autoBackup, ...(opts.onError ? { onError: opts.onError } : {}) });
  const beforeClose = async () => {
    await backup.stopSchedule();
    await jobs.cancelAll();
    publish.clearExports();
  };
  const services: Services = {
    project: backup.watchOpens(createProjectService(session, { sample: sampleMaker, ...opts }, { beforeClose })),
    archive,
    manuscript: createManuscriptService(session),
    publish,
    jobs: createJobsService(jobs),
    backup,
    ocr,
    catalogue: createCatalogueService(session, publish),
    help,
  };
  return {
    session,
    services,
    dispatch: retryWhenBusy(createDispatcher(services, opts.onError, translateSystemError), session),
    files: {
      thumbnailPath: (id) => archive.thumbnailPath(id),
      pageImageOf: (id) => archive.pageImageOf(id),
      // The printed guide is read like an export, with or without a project open.
      exportFile: async (id) => help.exportFile(id) ?? publish.exportFile(id),
    },
    async dispose() {
      if (session.isOpen) await beforeClose();
      session.close();
      help.dispose();
      await ocr.dispose();
    },
  };
}
