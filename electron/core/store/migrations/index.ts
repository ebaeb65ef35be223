/**
 * Schema migrations, applied in order, each in its own transaction; PRAGMA user_version records
 * the last one applied. Never edit a migration that has shipped: add the next one.
 */
import initial from './0001-initial';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [{ version: 1, name: 'initial', sql: initial }];
