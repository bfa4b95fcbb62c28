// Owns the staff features on Node: the SQLite store in DATA_DIR, the FAQ index over it, the staff token (generated
// once into DATA_DIR/admin-token when ADMIN_TOKEN is unset) and the daily purge of old logs.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config.js';
import { contextWordsOf, createFaqIndex, type FaqIndex } from '../core/faq-match.js';
import { unrepliedContactCutoff } from '../core/inquiries.js';
import type { Store } from '../core/store.js';
import type { Logger } from '../http/log.js';
import type { LoadedCorpus } from './node-engine.js';

/** File in DATA_DIR holding the generated staff token. */
export const ADMIN_TOKEN_FILE = 'admin-token';

/** Where the staff token came from. */
export interface AdminTokenSource {
  token: string;
  /** `env`: ADMIN_TOKEN; `file`: read from DATA_DIR/admin-token; `generated`: written there just now. */
  source: 'env' | 'file' | 'generated';
  file: string | null;
}

/**
 * The staff token: ADMIN_TOKEN when set; otherwise the one stored in DATA_DIR/admin-token, generated (32 random
 * bytes, base64url) and written with mode 0600 on first start.
 *
 * @throws Error naming the file when it exists but holds no usable token.
 */
export function resolveAdminToken(config: Config): AdminTokenSource {
  if (config.adminToken) return { token: config.adminToken, source: 'env', file: null };
  const file = resolve(config.dataDir, ADMIN_TOKEN_FILE);
  if (existsSync(file)) {
    // Someone may have copied the file with looser permissions: the token is a password.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    const token = readFileSync(file, 'utf8').trim();
    if (token.length < 16) {
      throw new Error(`${file} holds no usable staff token (at least 16 characters): delete it to generate a new one`);
    }
    return { token, source: 'file', file };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return { token, source: 'generated', file };
}

/** The FAQ index over a store, matching with the corpus's segmenter, dictionary, synonyms and site name. */
export function createNodeFaqIndex(store: Store, loaded: Pick<LoadedCorpus, 'index' | 'dictionary' | 'synonyms' | 'site'>): FaqIndex {
  const segmenter = loaded.index.segmenter;
  return createFaqIndex(store, {
    segmenter,
    synonyms: loaded.synonyms,
    generalFrequency: (word) => loaded.dictionary.frequency(word),
    contextWords: contextWordsOf(loaded.site.siteName, segmenter),
  });
}

/** An FAQ index whose matching options can be replaced while it serves (staff changed the synonyms or the site name). */
export interface SwappableFaqIndex extends FaqIndex {
  /** Makes every later call use `next` (one assignment). */
  swap(next: FaqIndex): void;
}

/** Wraps an FAQ index so that the staff API, the engine and the suggestions all move to a new one together. */
export function createSwappableFaqIndex(initial: FaqIndex): SwappableFaqIndex {
  let current = initial;
  return {
    match: (question) => current.match(question),
    rank: (question, limit) => current.rank(question, limit),
    entries: () => current.entries(),
    hotQuestions: () => current.hotQuestions(),
    suggestionPool: () => current.suggestionPool(),
    swap: (next) => {
      current = next;
    },
  };
}

/** The retention settings the purge follows (LOG_RETENTION_DAYS, INQUIRY_CONTACT_UNREPLIED_DAYS). */
export type RetentionDays = Pick<Config, 'logRetentionDays' | 'inquiryContactUnrepliedDays'>;

/** Deletes logged questions and feedback older than LOG_RETENTION_DAYS and inquiry contact data past its date. */
export async function purgeOldLogs(store: Store, days: RetentionDays, log: Logger, now = new Date()): Promise<void> {
  const before = new Date(now.getTime() - days.logRetentionDays * 86_400_000).toISOString();
  try {
    const removed = await store.purge(before);
    const contacts = await store.purgeInquiryContacts(now.toISOString(), unrepliedContactCutoff(now, days.inquiryContactUnrepliedDays));
    log.info('retention.purged', { before, ...removed, inquiryContacts: contacts });
  } catch (error) {
    log.error('retention.failed', { error: (error as Error).message });
  }
}

/** Purges at once and then every day; returns a function that stops the timer. */
export function scheduleRetention(store: Store, days: RetentionDays, log: Logger): () => void {
  void purgeOldLogs(store, days, log);
  const timer = setInterval(() => void purgeOldLogs(store, days, log), 86_400_000);
  timer.unref();
  return () => clearInterval(timer);
}
