/**
 * Schema migrations, applied in order, each in its own transaction; PRAGMA user_version records
 * the last one applied. Never edit a migration that has shipped: add the next one.
 */
import initial from './0001-initial';
import archive from './0002-archive';
import manuscriptStructure from './0010-manuscript-structure';
import manuscriptNames from './0011-manuscript-names';
import manuscriptComments from './0012-manuscript-comments';
import search from './0013-search';
import versions from './0014-versions';
import ocr from './0015-ocr';
import catalogue from './0016-catalogue';
import documentRefs from './0017-document-refs';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'archive', sql: archive },
  { version: 10, name: 'manuscript-structure', sql: manuscriptStructure },
  { version: 11, name: 'manuscript-names', sql: manuscriptNames },
  { version: 12, name: 'manuscript-comments', sql: manuscriptComments },
  { version: 13, name: 'search', sql: search },
  { version: 14, name: 'versions', sql: versions },
  { version: 15, name: 'ocr', sql: ocr },
  { version: 16, name: 'catalogue', sql: catalogue },
  { version: 17, name: 'document-refs', sql: documentRefs },
];
