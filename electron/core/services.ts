/**
 * The one composition root. The Electron shell, the HTTP host (browser mode) and the CLI all call
 * `createServices`, so the three entry points cannot drift apart.
 */
import { createDispatcher, type Dispatch, type ErrorSink, type Services } from '../../shared/api/dispatch';
import { createArchiveService } from './archive/archiveService';
import { createManuscriptService } from './manuscript/manuscriptService';
import { createProjectService, type ProjectServiceOptions } from './project/projectService';
import { ProjectSession } from './project/projectSession';
import { createPublishService } from './publish/publishService';

export interface AppServices {
  session: ProjectSession;
  services: Services;
  /** Validating entry point for every transport. */
  dispatch: Dispatch;
  /** File access for the scan protocol / HTTP file route: only files of the open project. */
  files: {
    thumbnailPath(pageId: number): Promise<string>;
    /** A page as an image a browser can show (JPEG/PNG; PDF and TIFF pages are rendered once into cache/). */
    pageImageOf(pageId: number): Promise<{ path: string; mime: string }>;
  };
  dispose(): void;
}

export interface CreateServicesOptions extends ProjectServiceOptions {
  onError?: ErrorSink;
}

export function createServices(opts: CreateServicesOptions = {}): AppServices {
  const session = new ProjectSession();
  const archive = createArchiveService(session);
  const services: Services = {
    project: createProjectService(session, opts),
    archive,
    manuscript: createManuscriptService(session),
    publish: createPublishService(session),
  };
  return {
    session,
    services,
    dispatch: createDispatcher(services, opts.onError),
    files: { thumbnailPath: (id) => archive.thumbnailPath(id), pageImageOf: (id) => archive.pageImageOf(id) },
    dispose: () => session.close(),
  };
}
