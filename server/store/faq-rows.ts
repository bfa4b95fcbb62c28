// Owns the mapping between FAQ rows as both databases store them (migrations/0001_init.sql) and FaqEntry;
// runtime-neutral, shared by the SQLite and D1 stores.
import type { FaqEntry } from '../core/store.js';

/** A row of `faq_entries`. */
export interface FaqRow {
  id: number;
  question: string;
  question_key: string;
  /** JSON array of strings. */
  alternatives: string;
  answer: string;
  link: string | null;
  /** JSON array of strings. */
  tags: string;
  enabled: number;
  hot: number;
  created_at: string;
  updated_at: string;
  version: number;
}

/** Reads a JSON array of strings; anything else is an empty list (a hand-edited row must not break answering). */
export function parseList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** The entry a row stores. */
export function toEntry(row: FaqRow): FaqEntry {
  return {
    id: row.id,
    question: row.question,
    alternatives: parseList(row.alternatives),
    answer: row.answer,
    link: row.link,
    tags: parseList(row.tags),
    enabled: row.enabled === 1,
    hot: row.hot === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}
