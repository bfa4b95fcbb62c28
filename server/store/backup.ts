// Owns backing up and restoring the staff's data: a consistent copy of the database (SQLite's online backup API
// through better-sqlite3, while the server keeps answering and writing, then an integrity check of the copy) together
// with the reports published into DATA_DIR/reports and the site data in DATA_DIR/site-data; and putting such a backup
// back into a data folder.
import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { publishedReportsDir, PUBLISHED_REPORTS_DIR } from '../build/corpus.js';
import { DATABASE_FILE, databasePath } from './sqlite-store.js';

/** Folder in DATA_DIR of the staff's site data (aliases, synonyms, site settings; see server/runtime/site-data-files.ts). */
export const SITE_DATA_FOLDER = 'site-data';

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

/** File in a backup folder that says what it holds. */
export const BACKUP_MANIFEST = 'backup.json';

/** What {@link backupDataDir} wrote. */
export interface DataBackupResult {
  /** The backup folder: the database, the published reports and the manifest. */
  folder: string;
  database: BackupResult;
  /** Published files copied (reports, sidecars and the list of removed shipped reports). */
  reportFiles: number;
  /** Site data files copied (aliases.txt, synonyms.txt, site.json staff saved). */
  siteDataFiles: number;
}

/** The manifest of a backup folder. */
export interface BackupManifest {
  format: 'qa-robot-backup';
  version: 1;
  createdAt: string;
  database: string;
  reports: string;
  /** The site data folder; absent in backups made before site data existed (restoring one leaves none). */
  siteData?: string;
}

/** Default name of a backup folder: `qa-robot-YYYYMMDD-HHMMSS` (UTC), in DATA_DIR/backups. */
export function defaultBackupFolder(dataDir: string, now = new Date()): string {
  return defaultBackupPath(dataDir, now).replace(/\.sqlite$/, '');
}

function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    n += statSync(full).isDirectory() ? countFiles(full) : 1;
  }
  return n;
}

/**
 * Backs up everything staff made: the database (FAQ, question log, feedback, audit), the published reports
 * (`DATA_DIR/reports`: reports, their sidecars, the list of removed shipped reports) and the site data
 * (`DATA_DIR/site-data`: aliases, synonyms, site settings), into one folder (default
 * DATA_DIR/backups/qa-robot-<time>/) with a manifest. Safe while the server runs.
 *
 * @remarks The staff token file is not copied: it is a password (a restored robot generates a new one, or takes
 * ADMIN_TOKEN). A backup taken while a report is being published holds the reports from before or after it.
 * @throws Error naming the fix when there is no database or the folder exists.
 */
export async function backupDataDir(dataDir: string, target?: string): Promise<DataBackupResult> {
  const folder = target ? resolve(target) : defaultBackupFolder(dataDir);
  if (existsSync(folder)) throw new Error(`${folder} already exists: choose another path (a backup never overwrites a folder)`);
  if (!existsSync(databasePath(dataDir))) throw new Error(`no database at ${databasePath(dataDir)}: start the server once (npm start) or set DATA_DIR`);
  mkdirSync(folder, { recursive: true });
  try {
    const database = await backupDatabase(dataDir, join(folder, DATABASE_FILE));
    const published = publishedReportsDir(dataDir);
    const reports = join(folder, PUBLISHED_REPORTS_DIR);
    if (existsSync(published)) cpSync(published, reports, { recursive: true, filter: (src) => !src.endsWith('.tmp') });
    else mkdirSync(reports);
    const siteData = join(dataDir, SITE_DATA_FOLDER);
    const siteDataCopy = join(folder, SITE_DATA_FOLDER);
    if (existsSync(siteData)) cpSync(siteData, siteDataCopy, { recursive: true, filter: (src) => !src.endsWith('.tmp') });
    else mkdirSync(siteDataCopy);
    const manifest: BackupManifest = {
      format: 'qa-robot-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      database: DATABASE_FILE,
      reports: PUBLISHED_REPORTS_DIR,
      siteData: SITE_DATA_FOLDER,
    };
    writeFileSync(join(folder, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    return { folder, database, reportFiles: countFiles(reports), siteDataFiles: countFiles(siteDataCopy) };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/** What {@link restoreDataDir} did. */
export interface RestoreResult {
  /** Where the data the restore replaced was moved (in DATA_DIR/backups), or null when there was none. */
  replaced: string | null;
  reportFiles: number;
  siteDataFiles: number;
}

/**
 * Puts a backup folder back into `dataDir`: its database, published reports and site data replace the current ones, which are
 * moved aside into DATA_DIR/backups/replaced-<time>/ (nothing is deleted). Run it with the server stopped; the next
 * start rebuilds the index from the shipped and restored reports.
 *
 * @throws Error naming the fix when the folder is not a backup or its database fails the integrity check.
 */
export function restoreDataDir(backupFolder: string, dataDir: string, now = new Date()): RestoreResult {
  const folder = resolve(backupFolder);
  const manifestFile = join(folder, BACKUP_MANIFEST);
  if (!existsSync(manifestFile)) throw new Error(`${folder} is not a backup folder (no ${BACKUP_MANIFEST}): give the folder \`npm run backup\` printed`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Partial<BackupManifest>;
  if (manifest.format !== 'qa-robot-backup' || manifest.version !== 1) throw new Error(`${manifestFile} is not a qa-robot backup manifest (version 1)`);
  const database = join(folder, manifest.database ?? DATABASE_FILE);
  const reports = join(folder, manifest.reports ?? PUBLISHED_REPORTS_DIR);
  const siteDataCopy = manifest.siteData ? join(folder, manifest.siteData) : null;
  const check = new Database(database, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`the backup's database ${database} failed its integrity check (${String(result)}): use another backup`);
  } finally {
    check.close();
  }
  mkdirSync(dataDir, { recursive: true });
  const target = databasePath(dataDir);
  const published = publishedReportsDir(dataDir);
  const siteData = join(dataDir, SITE_DATA_FOLDER);
  const current = [target, `${target}-wal`, `${target}-shm`, published, siteData].filter((p) => existsSync(p));
  let replaced: string | null = null;
  if (current.length > 0) {
    const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    replaced = resolve(dataDir, BACKUP_DIR, `replaced-${stamp}`);
    mkdirSync(replaced, { recursive: true });
    for (const p of current) renameSync(p, join(replaced, basename(p)));
  }
  // Copied under a temporary name first, so an interrupted restore never leaves half a database in place.
  cpSync(database, `${target}.restore.tmp`);
  renameSync(`${target}.restore.tmp`, target);
  if (existsSync(reports)) cpSync(reports, published, { recursive: true });
  else mkdirSync(published, { recursive: true });
  if (siteDataCopy && existsSync(siteDataCopy)) cpSync(siteDataCopy, siteData, { recursive: true });
  return { replaced, reportFiles: countFiles(published), siteDataFiles: countFiles(siteData) };
}
