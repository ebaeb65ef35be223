/**
 * The one API contract between the UI and the services. Service names here are the IPC channel
 * names, the HTTP prefixes (/api/<service>/<method>) and the core folder names.
 */
import { archiveContract } from './archive';
import { backupContract } from './backup';
import { catalogueContract } from './catalogue';
import type { ServiceClient } from './contract';
import { helpContract } from './help';
import { jobsContract } from './jobs';
import { manuscriptContract } from './manuscript';
import { ocrContract } from './ocr';
import { projectContract } from './project';
import { publishContract } from './publish';

export const contracts = {
  project: projectContract,
  archive: archiveContract,
  manuscript: manuscriptContract,
  publish: publishContract,
  jobs: jobsContract,
  backup: backupContract,
  ocr: ocrContract,
  catalogue: catalogueContract,
  help: helpContract,
};

export type Contracts = typeof contracts;
export type ServiceName = keyof Contracts;
export type Api = { [S in ServiceName]: ServiceClient<Contracts[S]> };

export function isServiceName(name: string): name is ServiceName {
  return Object.hasOwn(contracts, name);
}

export function isMethodName(service: ServiceName, method: string): boolean {
  return Object.hasOwn(contracts[service], method);
}

export type { ProjectInfo } from './project';
export type { ArchiveDocument, DocumentSummary, FileRef, ImportOutcome, ImportReport, PageInfo } from './archive';
export type { BookDetail, BookKind, BookNodeInfo, BookSummary, ChapterContent, RichDoc } from './manuscript';
export type { JobProgress, ServiceEvent } from './events';
export type { ExportedFile, PreflightFinding, PreflightKind } from './publish';
