// Owns the FAQ editor's data: the form's text fields, turning them into API requests and back, searching the
// table, and what changed between two versions of an entry (the audit log). Pure functions; contract types only.
import type { AdminFaqCreateRequest, AdminFaqEntry } from '../../server/contract.js';

/** The editor's fields as staff type them (lists as text). */
export interface FaqForm {
  question: string;
  /** One phrasing per line. */
  alternatives: string;
  answer: string;
  link: string;
  /** Separated by commas, 、 or semicolons. */
  tags: string;
  enabled: boolean;
  hot: boolean;
}

/** A new entry's form: enabled, not hot, optionally with the question filled in. */
export function emptyFaqForm(question = ''): FaqForm {
  return { question, alternatives: '', answer: '', link: '', tags: '', enabled: true, hot: false };
}

/** The form showing an entry as it is. */
export function formFromEntry(entry: AdminFaqEntry): FaqForm {
  return {
    question: entry.question,
    alternatives: entry.alternatives.join('\n'),
    answer: entry.answer,
    link: entry.link ?? '',
    tags: entry.tags.join('，'),
    enabled: entry.enabled,
    hot: entry.hot,
  };
}

/** Non-empty trimmed lines, without repeats. */
export function splitLines(text: string): string[] {
  return unique(text.split(/\r?\n/));
}

/** Tags typed as `办事大厅，时间、社保; 医保`: split on commas, 、, semicolons and line breaks. */
export function splitTags(text: string): string[] {
  return unique(text.split(/[,，、;；\n]/));
}

function unique(items: string[]): string[] {
  const out: string[] = [];
  for (const item of items.map((s) => s.trim())) if (item && !out.includes(item)) out.push(item);
  return out;
}

/** The request body for the form (`POST`, or `PUT` with a version added). An empty link is no link. */
export function requestFromForm(form: FaqForm): Required<AdminFaqCreateRequest> {
  return {
    question: form.question.trim(),
    answer: form.answer.trim(),
    alternatives: splitLines(form.alternatives),
    link: form.link.trim() || null,
    tags: splitTags(form.tags),
    enabled: form.enabled,
    hot: form.hot,
  };
}

/** Whether the form differs from the entry it edits (what would be saved). */
export function formChanged(form: FaqForm, entry: AdminFaqEntry | null): boolean {
  const now = requestFromForm(form);
  const before = requestFromForm(entry ? formFromEntry(entry) : emptyFaqForm());
  return JSON.stringify(now) !== JSON.stringify(before);
}

/** Which entries the table shows. */
export type FaqFilter = 'all' | 'enabled' | 'disabled' | 'hot';

/**
 * The entries matching a search: every space-separated word must appear (case-insensitive) in the question, an
 * alternative, the answer, a tag or the id (`#12` or `12`); then the filter.
 */
export function filterEntries(entries: AdminFaqEntry[], search: string, filter: FaqFilter = 'all'): AdminFaqEntry[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((e) => {
    if (filter === 'enabled' && !e.enabled) return false;
    if (filter === 'disabled' && e.enabled) return false;
    if (filter === 'hot' && !e.hot) return false;
    if (words.length === 0) return true;
    const haystack = [e.question, ...e.alternatives, e.answer, ...e.tags, `#${e.id}`].join('\n').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

/** One field that differs between two versions of an entry, written for reading (lists joined, flags 是/否). */
export interface FieldChange {
  field: 'question' | 'alternatives' | 'answer' | 'link' | 'tags' | 'enabled' | 'hot';
  before: string;
  after: string;
}

const CHANGE_FIELDS: FieldChange['field'][] = ['question', 'alternatives', 'answer', 'link', 'tags', 'enabled', 'hot'];

function show(value: unknown): string {
  if (Array.isArray(value)) return value.length > 0 ? value.join('、') : '（无）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value === null || value === undefined || value === '') return '（无）';
  return String(value);
}

/** What an audit entry changed: the fields whose value differs (all of them for a creation or a deletion). */
export function diffEntries(before: AdminFaqEntry | null, after: AdminFaqEntry | null): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of CHANGE_FIELDS) {
    const a = before ? before[field] : undefined;
    const b = after ? after[field] : undefined;
    if (before && after && JSON.stringify(a) === JSON.stringify(b)) continue;
    out.push({ field, before: before ? show(a) : '', after: after ? show(b) : '' });
  }
  return out;
}
