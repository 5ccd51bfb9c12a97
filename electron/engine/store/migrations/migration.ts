/** One numbered schema migration (its own file, so the migrations and their list in index.ts form no cycle). */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database.Database) => void);
}
