// Owns the FAQ entry's field rules and its exchange formats: validating staff input, CSV and JSON import with line
// numbers, and export; runtime-neutral, imports no node:*, hono or SQLite.
import { toWellFormed } from './normalize.js';
import type { FaqEntry, FaqInput } from './store.js';
import { checkHttpUrl, type UrlProblem } from './url.js';

/** Limits of an entry's fields, in characters (code points) unless said otherwise. */
export const FAQ_LIMITS = {
  question: 200,
  answer: 4000,
  alternatives: 50,
  link: 2000,
  tags: 20,
  tag: 32,
} as const;

/** Most rows one import may hold. */
export const MAX_IMPORT_ROWS = 5000;

/** Field name → what is wrong with it, in words a staff member can act on. */
export type FieldErrors = Record<string, string>;

export type FaqValidation = { ok: true; input: FaqInput } | { ok: false; fields: FieldErrors };

function chars(text: string): number {
  return Array.from(text).length;
}

/** Text as staff typed it, made safe to store: well-formed, no control characters except line breaks, trimmed. */
function cleanText(value: string, keepLineBreaks: boolean): string {
  const text = toWellFormed(value).replace(/\r\n?/g, '\n');
  return (keepLineBreaks ? text.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ') : text.replace(/[\u0000-\u001f\u007f]/g, ' ')).trim();
}

/** Checks a link: null, or an absolute http(s) URL (never `javascript:` or `data:`). */
export function checkLink(value: unknown): { ok: true; link: string | null } | { ok: false; message: string } {
  if (value === undefined || value === null) return { ok: true, link: null };
  if (typeof value !== 'string') return { ok: false, message: 'must be an http(s) URL or null' };
  const text = value.trim();
  if (!text) return { ok: true, link: null };
  if (chars(text) > FAQ_LIMITS.link) return { ok: false, message: `must be at most ${FAQ_LIMITS.link} characters` };
  const checked = checkHttpUrl(text);
  if (checked.ok) return { ok: true, link: checked.url };
  const messages: Record<UrlProblem, string> = {
    not_absolute: 'must be an absolute URL starting with http:// or https://',
    scheme: 'must start with http:// or https:// (other schemes are refused)',
    credentials: 'must not contain a user name or password',
    spaces: 'must be an absolute URL starting with http:// or https://, without spaces',
  };
  return { ok: false, message: messages[checked.problem] };
}

function stringList(value: unknown, field: string, maxItems: number, maxChars: number, errors: FieldErrors): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors[field] = 'must be a list of strings';
    return [];
  }
  const out: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string') {
      errors[field] = 'must be a list of strings';
      return [];
    }
    const text = cleanText(item, false);
    if (!text) continue;
    if (chars(text) > maxChars) {
      errors[field] = `each item must be at most ${maxChars} characters`;
      return [];
    }
    if (!out.includes(text)) out.push(text);
  }
  if (out.length > maxItems) errors[field] = `must have at most ${maxItems} items`;
  return out;
}

function flag(value: unknown, field: string, fallback: boolean, errors: FieldErrors): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  errors[field] = 'must be true or false';
  return fallback;
}

/**
 * Validates an entry's fields. With `base`, fields left out keep the base's values (an edit); without it, they take
 * the defaults: no alternatives, no link, no tags, enabled, not hot.
 *
 * @returns the cleaned input, or the wrong fields by name.
 */
export function validateFaqInput(body: Record<string, unknown>, base?: FaqInput): FaqValidation {
  const errors: FieldErrors = {};
  const text = (field: 'question' | 'answer', max: number, keepLineBreaks: boolean): string => {
    const value = body[field];
    if (value === undefined && base) return base[field];
    if (value === undefined || value === null) {
      errors[field] = 'is required';
      return '';
    }
    if (typeof value !== 'string') {
      errors[field] = 'must be a string';
      return '';
    }
    const cleaned = cleanText(value, keepLineBreaks);
    if (!cleaned) errors[field] = 'must not be empty';
    else if (chars(cleaned) > max) errors[field] = `must be at most ${max} characters`;
    return cleaned;
  };
  const question = text('question', FAQ_LIMITS.question, false);
  const answer = text('answer', FAQ_LIMITS.answer, true);
  const alternatives =
    body.alternatives === undefined && base
      ? base.alternatives
      : stringList(body.alternatives, 'alternatives', FAQ_LIMITS.alternatives, FAQ_LIMITS.question, errors).filter((a) => a !== question);
  const tags = body.tags === undefined && base ? base.tags : stringList(body.tags, 'tags', FAQ_LIMITS.tags, FAQ_LIMITS.tag, errors);
  let link = base?.link ?? null;
  if (body.link !== undefined || !base) {
    const checked = checkLink(body.link);
    if (checked.ok) link = checked.link;
    else errors.link = checked.message;
  }
  const enabled = flag(body.enabled, 'enabled', base?.enabled ?? true, errors);
  const hot = flag(body.hot, 'hot', base?.hot ?? false, errors);
  if (Object.keys(errors).length > 0) return { ok: false, fields: errors };
  return { ok: true, input: { question, alternatives, answer, link, tags, enabled, hot } };
}

/** Formats field errors as one message: `question: is required; link: must start with http:// or https://`. */
export function describeFieldErrors(fields: FieldErrors): string {
  return Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join('; ');
}

/** One row of an import that could not be used, with the line (CSV) or the line its object starts on (JSON). */
export interface ImportError {
  line: number;
  message: string;
}

/** Rows ready to store, each with its line, and the rows refused. */
export interface ParsedImport {
  rows: Array<{ line: number; input: FaqInput }>;
  errors: ImportError[];
}

/** Raised when a file cannot be read at all (not CSV, no header, not JSON); the message names the line. */
export class ImportFormatError extends Error {
  override name = 'ImportFormatError';
}

/** CSV cells by row, each row with the line it starts on. RFC 4180: quoted cells may hold commas, quotes, line breaks. */
export function parseCsv(text: string, delimiter = ','): Array<{ line: number; cells: string[] }> {
  const source = text.replace(/^\uFEFF/, '');
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let any = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
      any = true;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
      any = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      cells.push(cell);
      if (any || cell !== '') rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      any = false;
      line++;
      rowLine = line;
    } else {
      cell += ch;
      any = true;
    }
  }
  if (quoted) throw new ImportFormatError(`line ${quoteLine}: a quoted cell is never closed (a " is missing)`);
  if (any || cell !== '') {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}

const COLUMNS: Record<string, keyof FaqInput | 'ignore'> = {
  id: 'ignore',
  question: 'question',
  问题: 'question',
  标准问题: 'question',
  alternatives: 'alternatives',
  相似问法: 'alternatives',
  其他问法: 'alternatives',
  answer: 'answer',
  答案: 'answer',
  回答: 'answer',
  link: 'link',
  链接: 'link',
  tags: 'tags',
  标签: 'tags',
  enabled: 'enabled',
  启用: 'enabled',
  hot: 'hot',
  热门: 'hot',
  createdat: 'ignore',
  updatedat: 'ignore',
  version: 'ignore',
};

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 'on', '是', '启用', '热门']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'off', '否', '停用', '禁用']);

/** A spreadsheet cell written as text on export (`'=…`) back to its value. */
function unescapeCell(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** Splits a list cell: items separated by `|` (or ｜, or line breaks). */
function splitList(cell: string): string[] {
  return cell
    .split(/[|｜\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Reads a CSV import: a header row naming the columns (question, answer required; alternatives, link, tags,
 * enabled, hot optional; English or Chinese names; id, createdAt, updatedAt, version ignored), then one entry per row.
 *
 * @throws ImportFormatError when there is no usable header.
 */
export function parseFaqCsv(text: string): ParsedImport {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  const table = parseCsv(text, delimiter);
  const header = table.shift();
  if (!header) throw new ImportFormatError('the file is empty: the first line must name the columns, e.g. question,answer');
  const columns = header.cells.map((name) => COLUMNS[name.trim().toLowerCase().replace(/[\s_-]/g, '')]);
  const unknown = header.cells.filter((_, i) => columns[i] === undefined).map((n) => n.trim());
  if (!columns.includes('question') || !columns.includes('answer')) {
    throw new ImportFormatError(
      `line ${header.line}: the header must name a question and an answer column (question,answer or 问题,答案)` +
        (unknown.length ? `; unknown columns: ${unknown.join(', ')}` : ''),
    );
  }
  if (table.length > MAX_IMPORT_ROWS) throw new ImportFormatError(`the file has ${table.length} rows; import at most ${MAX_IMPORT_ROWS} at a time`);
  const result: ParsedImport = { rows: [], errors: [] };
  for (const { line, cells } of table) {
    if (cells.every((c) => !c.trim())) continue;
    const body: Record<string, unknown> = {};
    const errors: string[] = [];
    columns.forEach((field, i) => {
      if (!field || field === 'ignore') return;
      const cell = unescapeCell(cells[i] ?? '');
      if (field === 'alternatives' || field === 'tags') body[field] = splitList(cell);
      else if (field === 'enabled' || field === 'hot') {
        const word = cell.trim().toLowerCase();
        if (word === '') return;
        if (TRUE_WORDS.has(word)) body[field] = true;
        else if (FALSE_WORDS.has(word)) body[field] = false;
        else errors.push(`${field}: must be 1/0, true/false or 是/否, got ${JSON.stringify(cell)}`);
      } else body[field] = cell;
    });
    if (cells.length > header.cells.length && cells.slice(header.cells.length).some((c) => c.trim())) {
      errors.push(`the row has ${cells.length} cells but the header names ${header.cells.length} columns (a comma in an unquoted cell?)`);
    }
    const checked = validateFaqInput(body);
    if (!checked.ok) errors.push(describeFieldErrors(checked.fields));
    if (errors.length > 0 || !checked.ok) result.errors.push({ line, message: errors.join('; ') });
    else result.rows.push({ line, input: checked.input });
  }
  return result;
}

/**
 * Lines on which the elements of the entries array start: the top-level array, or the `entries` array of a
 * top-level object (the export format). Assumes `text` is valid JSON.
 */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  const stack: Array<'{' | '['> = [];
  let target = -1;
  let lastKey = '';
  let expectingValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      line++;
      continue;
    }
    if (/\s/.test(ch) || ch === ':' || ch === ',') {
      if (ch === ',' && stack.length === target && stack[stack.length - 1] === '[') expectingValue = true;
      continue;
    }
    if (stack.length === target && expectingValue && stack[stack.length - 1] === '[' && ch !== ']') {
      lines.push(line);
      expectingValue = false;
    }
    if (ch === '"') {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\') {
          s += text[j + 1] ?? '';
          j += 2;
        } else s += text[j++];
      }
      if (stack.length === 1 && stack[0] === '{' && text.slice(j + 1).trimStart().startsWith(':')) lastKey = s;
      i = j;
      continue;
    }
    if (ch === '{' || ch === '[') {
      stack.push(ch);
      if (ch === '[' && target === -1 && (stack.length === 1 || (stack.length === 2 && lastKey === 'entries'))) {
        target = stack.length;
        expectingValue = true;
      }
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    }
  }
  return lines;
}

/**
 * Reads a JSON import: an array of entries, or an object with an `entries` array (what the export writes). Fields
 * as in the API; `id`, `version` and times are ignored.
 *
 * @throws ImportFormatError when the text is not JSON or holds no entries array.
 */
export function parseFaqJson(text: string): ParsedImport {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportFormatError(`the file is not valid JSON (${(error as Error).message})`);
  }
  const list = Array.isArray(value)
    ? value
    : value && typeof value === 'object' && Array.isArray((value as { entries?: unknown }).entries)
      ? ((value as { entries: unknown[] }).entries)
      : null;
  if (!list) throw new ImportFormatError('the JSON must be an array of entries or an object with an "entries" array');
  if (list.length > MAX_IMPORT_ROWS) throw new ImportFormatError(`the file has ${list.length} entries; import at most ${MAX_IMPORT_ROWS} at a time`);
  const lines = elementLines(text.replace(/^\uFEFF/, ''));
  const result: ParsedImport = { rows: [], errors: [] };
  list.forEach((item, i) => {
    const line = lines[i] ?? i + 1;
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      result.errors.push({ line, message: `entry ${i + 1} must be an object with question and answer` });
      return;
    }
    const checked = validateFaqInput(item as Record<string, unknown>);
    if (checked.ok) result.rows.push({ line, input: checked.input });
    else result.errors.push({ line, message: `entry ${i + 1}: ${describeFieldErrors(checked.fields)}` });
  });
  return result;
}

/** A cell as text that spreadsheets will not run as a formula (`=HYPERLINK(…)` in a citizen's question). */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The CSV export: UTF-8 with a BOM (Excel reads it as UTF-8), CRLF line ends, lists joined with `|`. */
export function formatFaqCsv(entries: readonly FaqEntry[]): string {
  const header = ['id', 'question', 'alternatives', 'answer', 'link', 'tags', 'enabled', 'hot', 'updatedAt', 'version'];
  const rows = entries.map((e) =>
    [
      String(e.id),
      e.question,
      e.alternatives.join(' | '),
      e.answer,
      e.link ?? '',
      e.tags.join(' | '),
      e.enabled ? '1' : '0',
      e.hot ? '1' : '0',
      e.updatedAt,
      String(e.version),
    ].map(csvCell),
  );
  return `\uFEFF${[header, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`;
}

/** The JSON export: readable by {@link parseFaqJson}. */
export function formatFaqJson(entries: readonly FaqEntry[], exportedAt: string): string {
  return `${JSON.stringify({ format: 'qa-robot-faq', version: 1, exportedAt, entries }, null, 2)}\n`;
}
