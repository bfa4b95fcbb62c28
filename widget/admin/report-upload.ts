// Owns the reports page's checks before anything is sent: which files can be published, the name a file is saved
// under, and which metadata staff changed. Pure functions; contract types only.
import type { AdminReportMeta } from '../../server/contract.js';

/** Largest file the server accepts (MAX_REPORT_BYTES on the server). */
export const MAX_REPORT_FILE_BYTES = 5 * 1024 * 1024;
/** Files per publish (the server refuses more). */
export const MAX_REPORT_FILES = 5;
/** Extensions the server reads. */
export const REPORT_EXTENSIONS = ['.html', '.htm', '.txt', '.md'] as const;

/** The lower-case extension of a file name, with its dot (`'.html'`), or `''`. */
export function extensionOf(name: string): string {
  const m = /\.[^.]+$/.exec(name);
  return m ? m[0].toLowerCase() : '';
}

/**
 * The name a report is saved under: the server takes only letters, digits, `.`, `_` and `-` (starting with a letter
 * or digit), so a CMS page saved as `2016年 年报 (1).HTML` becomes `2016年-年报-1.html`. The extension is kept.
 */
export function safeReportName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '');
  const ext = extensionOf(base);
  const stem = ext ? base.slice(0, -ext.length) : base;
  const cleaned = stem
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/[-.]+$/, '');
  const chars = Array.from(cleaned || 'report').slice(0, 110).join('');
  return `${chars}${ext}`;
}

/** Why a chosen file cannot be published (in Chinese), or null when it can. */
export function checkReportFile(file: { name: string; size: number }): string | null {
  if (!(REPORT_EXTENSIONS as readonly string[]).includes(extensionOf(file.name))) {
    return `「${file.name}」不是 .html、.htm、.txt 或 .md 文件`;
  }
  if (file.size > MAX_REPORT_FILE_BYTES) return `「${file.name}」超过 5 MB`;
  if (file.size === 0) return `「${file.name}」是空文件`;
  return null;
}

/** The metadata fields staff can edit before publishing. */
export interface MetaForm {
  title: string;
  date: string;
  issuer: string;
  url: string;
}

/** The form showing what the page says. */
export function metaFormFrom(meta: { title: string; date: string | null; issuer: string | null; url: string | null }): MetaForm {
  return { title: meta.title, date: meta.date ?? '', issuer: meta.issuer ?? '', url: meta.url ?? '' };
}

/** What is wrong with the edited metadata, by field (Chinese), before the server is asked. */
export function checkMetaForm(form: MetaForm): Partial<Record<keyof MetaForm, string>> {
  const errors: Partial<Record<keyof MetaForm, string>> = {};
  const date = form.date.trim();
  if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.date = '日期请写成 YYYY-MM-DD，例如 2017-03-10';
  else if (date && Number.isNaN(Date.parse(`${date}T00:00:00Z`))) errors.date = '不是有效的日期';
  const url = form.url.trim();
  if (url && !/^https?:\/\/\S+$/i.test(url)) errors.url = '来源地址须以 http:// 或 https:// 开头，且不含空格';
  for (const key of ['title', 'issuer', 'url'] as const) {
    if (form[key].trim().length > 300) errors[key] = '不能超过 300 个字符';
  }
  return errors;
}

/**
 * The metadata to send with a file: only the fields staff changed from what the page says (each sent field
 * overrides the page and is kept beside the report), trimmed; an emptied field cannot clear what the page says.
 */
export function metaOverrides(original: MetaForm, edited: MetaForm): AdminReportMeta {
  const out: AdminReportMeta = {};
  for (const key of ['title', 'date', 'issuer', 'url'] as const) {
    const value = edited[key].trim();
    if (value && value !== original[key].trim()) out[key] = value;
  }
  return out;
}

/** Consecutive passages of one section, for showing how a report was split. */
export interface SectionGroup {
  section: string;
  passages: Array<{ kind: string; text: string }>;
}

/** Groups a preview's passages by section, in order (a section that comes back later starts a new group). */
export function groupPassages(passages: Array<{ kind: string; section: string; text: string }>): SectionGroup[] {
  const groups: SectionGroup[] = [];
  for (const p of passages) {
    const last = groups[groups.length - 1];
    if (last && last.section === p.section) last.passages.push({ kind: p.kind, text: p.text });
    else groups.push({ section: p.section, passages: [{ kind: p.kind, text: p.text }] });
  }
  return groups;
}

/** Reads the publisher's last message (`published: 2 documents, 40 passages`) for a Chinese summary. */
export function parsePublishedCounts(message: string): { documents: number; passages: number } | null {
  const m = /(\d+) documents?, (\d+) passages?/.exec(message);
  return m ? { documents: Number(m[1]), passages: Number(m[2]) } : null;
}
