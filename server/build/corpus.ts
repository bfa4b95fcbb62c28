// Owns reading a corpus from disk (Node-only): the effective report set (shipped reports in CORPUS_DIR plus those staff
// published into DATA_DIR), charsets, sidecars, slugs, user dictionaries, synonyms.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { hasBody, parseDocument, type MetaOverrides, type ParsedDocument, type SourceFormat } from '../core/document.js';
import { findUnreadable, type UnreadableReport } from '../core/undecodable.js';
import { safeHttpUrl } from '../core/url.js';

const FORMATS: Record<string, SourceFormat> = { '.txt': 'txt', '.html': 'html', '.htm': 'html', '.md': 'md' };

/** The files of a corpus: the shipped folder's, and the folder of published reports when there is one. */
export interface CorpusPaths {
  root: string;
  /** The shipped reports (`CORPUS_DIR/reports`): the starting content, part of the code checkout. */
  reports: string;
  dict: string;
  synonyms: string;
  site: string;
  /** Reports staff published (`DATA_DIR/reports`), or null for the shipped reports alone. */
  published: string | null;
}

/** The corpus in `root` (CORPUS_DIR), with the published reports in `published` (see {@link publishedReportsDir}). */
export function corpusPaths(root: string, published: string | null = null): CorpusPaths {
  return {
    root,
    reports: join(root, 'reports'),
    dict: join(root, 'dict'),
    synonyms: join(root, 'synonyms.txt'),
    site: join(root, 'site.json'),
    published,
  };
}

/** Name of the folder in DATA_DIR that holds the reports published from the console, with their sidecars. */
export const PUBLISHED_REPORTS_DIR = 'reports';

/** File in the published folder listing the shipped reports staff removed (a JSON array of their names). */
export const REMOVED_REPORTS_FILE = 'removed.json';

/** Where the reports published from the console live: `DATA_DIR/reports`, beside the database. */
export function publishedReportsDir(dataDir: string): string {
  return join(dataDir, PUBLISHED_REPORTS_DIR);
}

/** One report of the effective corpus. */
export interface ReportFile {
  /** Its name in the corpus: the path below its reports folder, with `/` (what the index calls `file`). */
  name: string;
  /** Where it is on disk. */
  path: string;
  /** The reports folder it is in (its sidecar is beside it there). */
  dir: string;
  origin: 'shipped' | 'published';
}

/** The shipped reports staff removed, as recorded in a published folder. */
export function readRemovedReports(published: string): string[] {
  const file = join(published, REMOVED_REPORTS_FILE);
  if (!existsSync(file)) return [];
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`${file} is not a JSON list of removed report names: fix or delete it`);
  }
  if (!Array.isArray(data) || !data.every((n) => typeof n === 'string')) {
    throw new Error(`${file} is not a JSON list of removed report names: fix or delete it`);
  }
  return data as string[];
}

function reportsIn(dir: string, origin: ReportFile['origin']): ReportFile[] {
  if (!existsSync(dir)) return [];
  const out: ReportFile[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (FORMATS[extname(name).toLowerCase()] && !name.startsWith('.')) {
        out.push({ name: relative(dir, full).split(sep).join('/'), path: full, dir, origin });
      }
    }
  };
  walk(dir);
  return out;
}

/**
 * The effective corpus, sorted by name (the order documents get in the index): the shipped reports, less those
 * recorded as removed in the published folder, with a published report replacing the shipped one of the same name,
 * plus the other published reports.
 *
 * @remarks A report's sidecar (`<name>.meta.json`) is the one beside it: a published replacement without metadata
 * does not inherit the shipped report's.
 */
export function listEffectiveReports(paths: CorpusPaths): ReportFile[] {
  const published = paths.published ? reportsIn(paths.published, 'published') : [];
  const replaced = new Set(published.map((r) => r.name));
  const removed = new Set(paths.published ? readRemovedReports(paths.published) : []);
  const shipped = reportsIn(paths.reports, 'shipped').filter((r) => !replaced.has(r.name) && !removed.has(r.name));
  return [...shipped, ...published].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Two report files whose names give the same slug (compared without case: one URL, one citation). */
export interface SlugClash {
  slug: string;
  files: [string, string];
}

/** The first slug two of `names` share, or null when every slug is unique. */
export function findSlugClash(names: readonly string[]): SlugClash | null {
  const seen = new Map<string, string>();
  for (const name of names) {
    const slug = slugOf(name);
    const key = slug.toLowerCase();
    const other = seen.get(key);
    if (other !== undefined && other !== name) return { slug, files: [other, name] };
    seen.set(key, name);
  }
  return null;
}

/** What a slug clash means and how to fix it, naming both files. */
export function describeSlugClash(clash: SlugClash): string {
  return `${clash.files[0]} and ${clash.files[1]} would both be the report "${clash.slug}" (a citation would open one for the other): rename one of them`;
}

/** A report file read from disk, or the reason it was skipped. */
export type ReadResult =
  | { ok: true; file: string; slug: string; document: ParsedDocument; bytes: number }
  | { ok: false; file: string; reason: string };


/** User dictionary files (`corpus/dict/*.txt`, jieba format), sorted by name. */
export function listUserDictionaries(paths: CorpusPaths): string[] {
  if (!existsSync(paths.dict)) return [];
  return readdirSync(paths.dict)
    .filter((n) => /\.(txt|utf8|dict)$/.test(n))
    .sort()
    .map((n) => join(paths.dict, n));
}

/** A page's text, with the charset it was read in and what in it could not be decoded. */
export interface DecodedText {
  text: string;
  /** The charset the bytes were decoded with (`utf-8`, `gbk`, `gb18030`, `utf-16le`…). */
  charset: string;
  /** Bytes that did not decode (U+FFFD) and private-use characters, with where the first ones are. */
  unreadable: UnreadableReport;
}

/**
 * Decodes a page's bytes: a BOM wins, then the charset the page declares (`<meta charset>`), then UTF-8 (with at
 * most a few broken sequences: 1% of its non-ASCII characters), then GB18030 (the superset of GBK/GB2312 that
 * government CMSs use).
 *
 * @throws Error with the reason when the bytes are not text (NUL bytes, control characters, undecodable).
 */
export function decodeText(bytes: Uint8Array, format: SourceFormat): string {
  return decodeReportText(bytes, format).text;
}

/**
 * {@link decodeText}, telling also which charset it used and how many byte sequences did not decode (each one a
 * U+FFFD in the text) or gave private-use characters, with the line, column and text around the first ones: what the
 * preview shows staff before a page with broken bytes is published.
 *
 * @throws Error as {@link decodeText}.
 */
export function decodeReportText(bytes: Uint8Array, format: SourceFormat): DecodedText {
  const { text, charset } = decodeBytes(bytes, format);
  return { text, charset, unreadable: findUnreadable(text) };
}

/**
 * Whether a UTF-8 reading is the right one: at most a few broken sequences (a UTF-8 page cut in the middle of a
 * character), not the one-per-character a GBK page gives when read as UTF-8.
 */
function mostlyUtf8(text: string): boolean {
  let broken = 0;
  let wide = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd) broken++;
    else if (code >= 0x80) wide++;
  }
  return broken === 0 || broken <= Math.max(2, wide / 100);
}

function decodeBytes(bytes: Uint8Array, format: SourceFormat): { text: string; charset: string } {
  if (bytes.length === 0) throw new Error('the file is empty');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), charset: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), charset: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), charset: 'utf-16be' };
  if (bytes.subarray(0, 8192).includes(0)) throw new Error('the file looks binary (it contains NUL bytes)');
  let declared: string | undefined;
  if (format === 'html') {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
    declared = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_-]+)/i.exec(head)?.[1]?.toLowerCase();
  }
  let text: string;
  let charset: string;
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      const decoder = new TextDecoder(declared);
      text = decoder.decode(bytes);
      charset = decoder.encoding;
    } catch {
      throw new Error(`the page declares charset ${declared}, which cannot be decoded`);
    }
  } else {
    text = new TextDecoder('utf-8').decode(bytes);
    charset = 'utf-8';
    if (!mostlyUtf8(text)) {
      text = new TextDecoder('gb18030').decode(bytes);
      charset = 'gb18030';
    }
  }
  const controls = text.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  if (controls > Math.max(8, text.length / 50)) throw new Error('the file is not readable text (too many control or undecodable characters)');
  if (!text.trim()) throw new Error('the file has no text');
  return { text, charset };
}

/** A slug from a file name: its base name without extension, reduced to URL-safe characters. */
export function slugOf(file: string): string {
  const base = basename(file).replace(/\.[^.]+$/, '');
  return base.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'report';
}

/** Reads the optional sidecar (`<name>.meta.json`) of a report file. */
export function readSidecar(file: string): MetaOverrides {
  const sidecar = file.replace(/\.[^.]+$/, '.meta.json');
  if (!existsSync(sidecar)) return {};
  const data = JSON.parse(readFileSync(sidecar, 'utf8')) as Record<string, unknown>;
  const pick = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
  const out: MetaOverrides = {};
  const title = pick('title');
  const date = pick('date');
  const issuer = pick('issuer');
  const url = safeHttpUrl(pick('url')) ?? undefined;
  if (title) out.title = title;
  if (date) out.date = date;
  if (issuer) out.issuer = issuer;
  if (url) out.url = url;
  if (typeof data.year === 'number') out.year = data.year;
  return out;
}

/** Reads one report file: decodes it, reads its sidecar and parses it; a bad file gives a reason, not an error. */
export function readReport(file: string, reportsDir: string): ReadResult {
  const rel = relative(reportsDir, file);
  const format = FORMATS[extname(file).toLowerCase()];
  if (!format) return { ok: false, file: rel, reason: 'unsupported file type (use .txt, .html or .md)' };
  try {
    const bytes = readFileSync(file);
    const text = decodeText(bytes, format);
    const parsed = parseDocument(text, format, readSidecar(file), { fileName: basename(file) });
    // Front matter and meta tags are the page's word: only an http(s) source URL reaches citations and the console.
    const document: ParsedDocument = { ...parsed, meta: { ...parsed.meta, url: safeHttpUrl(parsed.meta.url) } };
    if (!hasBody(document)) {
      return { ok: false, file: rel, reason: 'no body text was found after removing the page chrome' };
    }
    return { ok: true, file: rel, slug: slugOf(file), document, bytes: bytes.length };
  } catch (error) {
    return { ok: false, file: rel, reason: (error as Error).message };
  }
}

/**
 * Hash of everything in the effective corpus that shapes the index: report names, contents and sidecars (which folder a
 * report comes from does not matter: the same files give the same index).
 */
export function hashCorpus(paths: CorpusPaths): string {
  const hash = createHash('sha256');
  for (const report of listEffectiveReports(paths)) {
    hash.update(report.name);
    hash.update('\0');
    hash.update(readFileSync(report.path));
    hash.update('\0');
    const sidecar = report.path.replace(/\.[^.]+$/, '.meta.json');
    if (existsSync(sidecar)) hash.update(readFileSync(sidecar));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}
