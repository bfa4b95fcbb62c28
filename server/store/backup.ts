// Owns the consistent copy of the database: SQLite's online backup API through better-sqlite3, while the server keeps
// answering and writing, then an integrity check of the copy.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { databasePath } from './sqlite-store.js';

/** Folder in DATA_DIR where backups go by default. */
export const BACKUP_DIR = 'backups';

export interface BackupResult {
  /** The backup file written. */
  file: string;
  bytes: number;
  /** Pages copied. */
  pages: number;
}

/** Default name of a backup: `qa-robot-YYYYMMDD-HHMMSS.sqlite` (UTC), in DATA_DIR/backups. */
export function defaultBackupPath(dataDir: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return resolve(dataDir, BACKUP_DIR, `qa-robot-${stamp}.sqlite`);
}

/**
 * Copies the database in `dataDir` to `target` (a file, or an existing folder to put a dated file in) with the online
 * backup API: the copy is a consistent snapshot even while the server writes, and includes what is still in the WAL.
 *
 * @throws Error naming the fix when there is no database, the target exists, or the copy fails its integrity check.
 */
export async function backupDatabase(dataDir: string, target?: string): Promise<BackupResult> {
  const source = databasePath(dataDir);
  if (!existsSync(source)) throw new Error(`no database at ${source}: start the server once (npm start) or set DATA_DIR`);
  let file = target ? resolve(target) : defaultBackupPath(dataDir);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, defaultBackupPath(dataDir).split(/[\\/]/).pop()!);
  if (existsSync(file)) throw new Error(`${file} already exists: choose another path (a backup never overwrites a file)`);
  mkdirSync(dirname(file), { recursive: true });
  // Not readonly: a read-only connection to a WAL database fails when the -shm file is missing (server stopped).
  const db = new Database(source, { fileMustExist: true });
  let pages = 0;
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(file, {
      progress: ({ totalPages }) => {
        pages = totalPages;
        return 1000;
      },
    });
  } finally {
    db.close();
  }
  const copy = new Database(file, { fileMustExist: true });
  try {
    // The copy inherits WAL mode; as a rollback-journal database it is one self-contained file (no -wal, -shm).
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the backup ${file} failed its integrity check (${String(check)}): try again`);
  } finally {
    copy.close();
  }
  return { file, bytes: statSync(file).size, pages };
}
