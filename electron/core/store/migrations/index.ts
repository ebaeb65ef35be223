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
import searchChunks from './0018-search-chunks';
import stableIds from './0019-stable-ids';
import type { Db } from '../projectDatabase';

export interface Migration {
  version: number;
  name: string;
  /** SQL run as one script, or a function given the database (both inside the migration's transaction). */
  sql: string | ((db: Db) => void);
  /**
   * Run with foreign keys off (a table rebuilt: dropping the old one with them on would delete
   * every row that refers to it); foreign_key_check must pass before the transaction commits.
   */
  foreignKeysOff?: true;
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
  { version: 18, name: 'search-chunks', sql: searchChunks },
  { version: 19, name: 'stable-ids', sql: stableIds, foreignKeysOff: true },
];
