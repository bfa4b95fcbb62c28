// Owns reading a corpus folder from disk (Node-only): files, charsets, sidecars, user dictionaries, synonyms.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { parseDocument, type MetaOverrides, type ParsedDocument, type SourceFormat } from '../core/document.js';
import { safeHttpUrl } from '../core/url.js';

/** The files of a corpus folder. */
export interface CorpusPaths {
  root: string;
  reports: string;
  dict: string;
  synonyms: string;
  site: string;
}

export function corpusPaths(root: string): CorpusPaths {
  return {
    root,
    reports: join(root, 'reports'),
    dict: join(root, 'dict'),
    synonyms: join(root, 'synonyms.txt'),
    site: join(root, 'site.json'),
  };
}

const FORMATS: Record<string, SourceFormat> = { '.txt': 'txt', '.html': 'html', '.htm': 'html', '.md': 'md' };

/** A report file read from disk, or the reason it was skipped. */
export type ReadResult =
  | { ok: true; file: string; slug: string; document: ParsedDocument; bytes: number }
  | { ok: false; file: string; reason: string };

/** Report files of a corpus, sorted by name (the order documents get in the index). */
export function listReportFiles(paths: CorpusPaths): string[] {
  if (!existsSync(paths.reports)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (FORMATS[extname(name).toLowerCase()] && !name.startsWith('.')) out.push(full);
    }
  };
  walk(paths.reports);
  return out.sort();
}

/** User dictionary files (`corpus/dict/*.txt`, jieba format), sorted by name. */
export function listUserDictionaries(paths: CorpusPaths): string[] {
  if (!existsSync(paths.dict)) return [];
  return readdirSync(paths.dict)
    .filter((n) => /\.(txt|utf8|dict)$/.test(n))
    .sort()
    .map((n) => join(paths.dict, n));
}

/**
 * Decodes a page's bytes: a BOM wins, then the charset the page declares (`<meta charset>`), then strict UTF-8,
 * then GB18030 (the superset of GBK/GB2312 that government CMSs use).
 *
 * @throws Error with the reason when the bytes are not text (NUL bytes, control characters, undecodable).
 */
export function decodeText(bytes: Uint8Array, format: SourceFormat): string {
  if (bytes.length === 0) throw new Error('the file is empty');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.subarray(0, 8192).includes(0)) throw new Error('the file looks binary (it contains NUL bytes)');
  let declared: string | undefined;
  if (format === 'html') {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
    declared = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_-]+)/i.exec(head)?.[1]?.toLowerCase();
  }
  let text: string;
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      text = new TextDecoder(declared).decode(bytes);
    } catch {
      throw new Error(`the page declares charset ${declared}, which cannot be decoded`);
    }
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('gb18030').decode(bytes);
    }
  }
  const controls = text.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  if (controls > Math.max(8, text.length / 50)) throw new Error('the file is not readable text (too many control or undecodable characters)');
  if (!text.trim()) throw new Error('the file has no text');
  return text;
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
    const parsed = parseDocument(text, format, readSidecar(file));
    // Front matter and meta tags are the page's word: only an http(s) source URL reaches citations and the console.
    const document: ParsedDocument = { ...parsed, meta: { ...parsed.meta, url: safeHttpUrl(parsed.meta.url) } };
    if (!document.blocks.some((b) => b.kind === 'paragraph')) {
      return { ok: false, file: rel, reason: 'no body text was found after removing the page chrome' };
    }
    return { ok: true, file: rel, slug: slugOf(file), document, bytes: bytes.length };
  } catch (error) {
    return { ok: false, file: rel, reason: (error as Error).message };
  }
}

/** Hash of everything in `reports/` that shapes the index: file names, contents, sidecars. */
export function hashCorpus(paths: CorpusPaths): string {
  const hash = createHash('sha256');
  if (existsSync(paths.reports)) {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else files.push(full);
      }
    };
    walk(paths.reports);
    for (const file of files.sort()) {
      hash.update(relative(paths.reports, file));
      hash.update('\0');
      hash.update(readFileSync(file));
      hash.update('\0');
    }
  }
  return hash.digest('hex').slice(0, 16);
}
