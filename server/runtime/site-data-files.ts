// Owns where the staff's site data lives on Node: DATA_DIR/site-data/{aliases.txt,synonyms.txt,site.json}, overlays
// over the shipped corpus files (CORPUS_DIR is the starting content, never written). Reading the effective files,
// writing and removing an overlay atomically.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { SiteOverlay } from '../core/site-data.js';
import type { SettingsKind } from '../core/store.js';
import { SITE_DATA_FOLDER } from '../store/backup.js';

/** Folder in DATA_DIR that holds the staff's site data (backed up with the database and the published reports). */
export const SITE_DATA_DIR = SITE_DATA_FOLDER;

/** The file of each kind of site data, by name: the same name in CORPUS_DIR (shipped) and DATA_DIR/site-data. */
export const SITE_DATA_FILES: Readonly<Record<SettingsKind, string>> = { aliases: 'aliases.txt', synonyms: 'synonyms.txt', site: 'site.json' };

/** Where the staff's site data lives: `DATA_DIR/site-data`. */
export function siteDataDir(dataDir: string): string {
  return join(resolve(dataDir), SITE_DATA_DIR);
}

/** Which file is in effect: the staff's overlay (`data`), the shipped one, or none at all. */
export type SiteDataSource = 'data' | 'shipped' | 'none';

/** The effective file of one kind: its text and where it comes from. */
export interface EffectiveFile {
  text: string;
  source: SiteDataSource;
  /** When the overlay was last written (ISO), or null for a shipped file or none. */
  updatedAt: string | null;
}

/** Reads the file in effect for `kind`: DATA_DIR's overlay when there is one, else CORPUS_DIR's, else empty. */
export function readEffectiveFile(kind: SettingsKind, corpusDir: string, dataDir: string | null): EffectiveFile {
  const name = SITE_DATA_FILES[kind];
  if (dataDir) {
    const overlay = join(siteDataDir(dataDir), name);
    if (existsSync(overlay)) return { text: readFileSync(overlay, 'utf8'), source: 'data', updatedAt: statSync(overlay).mtime.toISOString() };
  }
  const shipped = join(resolve(corpusDir), name);
  if (existsSync(shipped)) return { text: readFileSync(shipped, 'utf8'), source: 'shipped', updatedAt: null };
  return { text: '', source: 'none', updatedAt: null };
}

/** The shipped `site.json` as an object ({} when absent). */
function readShippedSite(corpusDir: string): Record<string, unknown> {
  const file = join(resolve(corpusDir), SITE_DATA_FILES.site);
  if (!existsSync(file)) return {};
  const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/**
 * The effective `site.json` fields: the shipped file's, with the overlay's `siteName`, `agency` and `contacts` in
 * their place (an overlay's null agency or empty contacts clear the shipped ones).
 *
 * @throws Error naming the file when the overlay is not a JSON object.
 */
export function readEffectiveSiteData(corpusDir: string, dataDir: string | null): Record<string, unknown> {
  const shipped = readShippedSite(corpusDir);
  if (!dataDir) return shipped;
  const file = join(siteDataDir(dataDir), SITE_DATA_FILES.site);
  if (!existsSync(file)) return shipped;
  let overlay: unknown;
  try {
    overlay = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`${file} is not JSON: fix it, or delete it to use the shipped site.json`);
  }
  if (!overlay || typeof overlay !== 'object' || Array.isArray(overlay)) throw new Error(`${file} is not a JSON object: fix or delete it`);
  const o = overlay as Partial<SiteOverlay>;
  const merged: Record<string, unknown> = { ...shipped };
  if (typeof o.siteName === 'string') merged.siteName = o.siteName;
  if (o.agency === null) delete merged.agency;
  else if (typeof o.agency === 'string') merged.agency = o.agency;
  if (Array.isArray(o.contacts)) merged.contacts = o.contacts;
  return merged;
}

/** The site overlay as staff edit it: the effective siteName, agency and contacts. */
export function siteOverlayOf(effective: Record<string, unknown>, fallbackName: string): SiteOverlay {
  return {
    siteName: typeof effective.siteName === 'string' ? effective.siteName : fallbackName,
    agency: typeof effective.agency === 'string' && effective.agency.trim() ? effective.agency.trim() : null,
    contacts: Array.isArray(effective.contacts) ? (effective.contacts as SiteOverlay['contacts']) : [],
  };
}

/** Writes the overlay of `kind` by renaming a temporary file, so a crash never leaves half a file. */
export function writeSiteDataFile(dataDir: string, kind: SettingsKind, text: string): void {
  const file = join(siteDataDir(dataDir), SITE_DATA_FILES[kind]);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Removes the overlay of `kind` (the shipped file is in effect again); false when there was none. */
export function removeSiteDataFile(dataDir: string, kind: SettingsKind): boolean {
  const file = join(siteDataDir(dataDir), SITE_DATA_FILES[kind]);
  if (!existsSync(file)) return false;
  rmSync(file);
  return true;
}
