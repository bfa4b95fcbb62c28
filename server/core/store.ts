// Owns the Store port: the records staff curate and the robot logs (FAQ entries, questions, feedback, audit), and the
// interface every runtime's database implements; runtime-neutral, imports no node:*, hono, SQLite or Cloudflare types.
import type { AdminFaqEntry, MatchKind } from '../contract.js';
import type { CalendarDay, ContactView, InquiryContact, InquiryInput, InquiryRecord, InquiryReplyResult, InquiryStatus } from './inquiries.js';
import { normalizeText } from './normalize.js';
import type { MonthlyActivity } from './stats.js';

/**
 * A staff-curated question with its approved answer: the staff API returns stored entries unchanged, so the stored
 * record is the API's type (server/contract.ts).
 */
export type FaqEntry = AdminFaqEntry;

/** The fields staff set on an entry; everything else (id, times, version) is kept by the store. */
export type FaqInput = Pick<FaqEntry, 'question' | 'alternatives' | 'answer' | 'link' | 'tags' | 'enabled' | 'hot'>;

/** Who made a change: the staff member's label, or "staff" when the token carries none. */
export type Actor = string;

/** Outcome of an edit that names the version it edits. */
export type FaqUpdateResult =
  | { status: 'updated'; entry: FaqEntry }
  | { status: 'not-found' }
  | { status: 'conflict'; current: FaqEntry };

/** Outcome of a delete. `expectedVersion` is optional; a stale one is a conflict. */
export type FaqDeleteResult = { status: 'deleted'; entry: FaqEntry } | { status: 'not-found' } | { status: 'conflict'; current: FaqEntry };

/** Outcome of importing one row: a row whose question matches an existing entry's updates it. */
export type FaqImportOutcome = { status: 'created' | 'updated' | 'unchanged'; entry: FaqEntry };

/** One answered question, as logged. The question text is masked before it reaches the store. */
export interface QuestionRecord {
  /** The answer's id (`AskResponse.id`); feedback refers to it. */
  id: string;
  question: string;
  matched: MatchKind;
  faqId: number | null;
  /** First passage quoted, for corpus answers. */
  passage: number | null;
  /** ISO 8601 time, UTC. */
  askedAt: string;
}

/** A citizen's rating of an answer. */
export interface FeedbackInput {
  answerId: string;
  helpful: boolean;
  /** Masked free text, or null. */
  comment: string | null;
  /** ISO 8601 time, UTC. */
  at: string;
}

/** A rating, with the question it rates (when the question is still in the log). */
export interface FeedbackRecord {
  id: number;
  answerId: string;
  helpful: boolean;
  comment: string | null;
  createdAt: string;
  question: string | null;
  matched: MatchKind | null;
  faqId: number | null;
}

/** One change to the curated data. */
export interface AuditRecord {
  id: number;
  at: string;
  actor: Actor;
  action: 'create' | 'update' | 'delete' | 'import';
  /** What was changed: always `faq` for now. */
  entity: 'faq';
  entityId: number;
  before: FaqEntry | null;
  after: FaqEntry | null;
}

/** The site data staff edit besides FAQ entries (server/core/site-data.ts): agency aliases, synonyms, site settings. */
export type SettingsKind = 'aliases' | 'synonyms' | 'site';

/** One change to the site data: what it was and what it became (the file's text; null for "the shipped file"). */
export interface SettingsAuditRecord {
  id: number;
  at: string;
  actor: Actor;
  /** `update` for a saved text, `delete` for a return to the shipped file. */
  action: 'update' | 'delete';
  kind: SettingsKind;
  before: string | null;
  after: string | null;
}

/** Questions the robot could not answer, or whose answer a citizen found unhelpful, grouped by {@link questionKey}. */
export interface UnansweredGroup {
  key: string;
  /** The most recent wording (masked). */
  question: string;
  /** Times it was answered `none`. */
  unanswered: number;
  /** Times its answer got 没帮助. */
  notHelpful: number;
  /** `unanswered + notHelpful`. */
  total: number;
  /** Last time it was asked (or rated 没帮助), ISO 8601 UTC. */
  lastAskedAt: string;
  /** The FAQ entry whose answer got 没帮助 most recently, if any. */
  faqId: number | null;
}

export interface UnansweredQuery {
  /** Only events at or after this ISO time. */
  since: string;
  /** Most groups returned. */
  limit: number;
  /** `count` (default): most asked first; `recent`: last asked first. */
  sort?: 'count' | 'recent';
  /** Groups skipped before the first one returned, in that order (paging). Default 0. */
  offset?: number;
}

/** One page of the unanswered list, with how many groups the whole list has. */
export interface UnansweredPage {
  groups: UnansweredGroup[];
  /** Groups in the period, all pages together. */
  total: number;
}

/** Questions per day and how they were answered. */
export interface DailyCount {
  /** `YYYY-MM-DD` in the requested time zone. */
  date: string;
  total: number;
  faq: number;
  corpus: number;
  none: number;
}

export interface Overview {
  since: string;
  days: DailyCount[];
  totals: { total: number; faq: number; corpus: number; none: number };
  feedback: { helpful: number; notHelpful: number };
  topQuestions: Array<{ question: string; count: number }>;
}

export interface OverviewQuery {
  /** Only questions at or after this ISO time. */
  since: string;
  /** Offset of the staff's time zone from UTC, in minutes (China: 480); days are cut at its midnight. */
  utcOffsetMinutes: number;
  /** Most top questions returned. */
  top: number;
}

/**
 * The database behind the staff features. Every runtime implements it: SQLite on Node (`server/store/`), D1 on
 * Workers, over the same migration files in `migrations/`.
 *
 * @remarks All methods are async and each is atomic on its own: a runtime may run a method as one transaction
 * (better-sqlite3) or one batch (D1); no transaction spans calls. FAQ writes bump {@link Store.faqRevision} in
 * the same unit, so a matcher that checks the revision per question sees every edit on the next question.
 */
export interface Store {
  /** A number that changes with every FAQ write (create, update, delete, import). */
  faqRevision(): Promise<number>;
  /** All entries, newest change first; `enabledOnly` for the ones that answer. */
  listFaq(options?: { enabledOnly?: boolean }): Promise<FaqEntry[]>;
  getFaq(id: number): Promise<FaqEntry | null>;
  createFaq(input: FaqInput, actor: Actor, now?: string): Promise<FaqEntry>;
  /** Replaces an entry's fields if it still has `expectedVersion`; otherwise reports the current entry. */
  updateFaq(id: number, input: FaqInput, expectedVersion: number, actor: Actor, now?: string): Promise<FaqUpdateResult>;
  deleteFaq(id: number, actor: Actor, expectedVersion?: number): Promise<FaqDeleteResult>;
  /**
   * Creates the rows whose question (by {@link questionKey}) no entry has, updates the entries whose question
   * matches; all rows in one unit. Audit records say `import`.
   */
  importFaq(inputs: FaqInput[], actor: Actor, now?: string): Promise<FaqImportOutcome[]>;

  /** Logs an answered question. Its `question` must already be masked. */
  recordQuestion(record: QuestionRecord): Promise<void>;
  /** Stores a rating (one per answer: rating again replaces it); null when no logged answer has that id. */
  addFeedback(input: FeedbackInput): Promise<{ id: number } | null>;
  /** Ratings, newest first; `helpful` filters. */
  listFeedback(options: { limit: number; helpful?: boolean }): Promise<FeedbackRecord[]>;
  /** Changes, newest first; `entityId` for one entry's history. */
  listAudit(options: { limit: number; entityId?: number }): Promise<AuditRecord[]>;
  /** Records a change to the site data in the audit log (entity = its kind). */
  recordSettingsChange(change: Omit<SettingsAuditRecord, 'id'>): Promise<void>;
  /** Changes to the site data, newest first. */
  listSettingsAudit(options: { limit: number }): Promise<SettingsAuditRecord[]>;
  unanswered(query: UnansweredQuery): Promise<UnansweredGroup[]>;
  /**
   * A page of {@link Store.unanswered} with the total: grouped, sorted and cut in the database, one pass over the
   * period's log (the work does not grow with the page's position).
   */
  unansweredPage(query: UnansweredQuery): Promise<UnansweredPage>;
  overview(query: OverviewQuery): Promise<Overview>;
  /** Stores a 留言 and, in the same unit, its contact data (in their own table); returns its id. */
  createInquiry(input: InquiryInput): Promise<{ id: number }>;
  /** The inquiry whose 查询码 hashes to `codeHash`, or null. */
  findInquiryByCode(codeHash: string): Promise<InquiryRecord | null>;
  getInquiry(id: number): Promise<InquiryRecord | null>;
  /** Open ones oldest first; replied ones last replied first; all: newest first. */
  listInquiries(query: { status?: InquiryStatus; limit: number; offset?: number }): Promise<InquiryRecord[]>;
  /** How many inquiries are open; with `before` (ISO time), only those received before it. */
  countOpenInquiries(before?: string): Promise<number>;
  /**
   * Closes an open inquiry with the staff's reply; its contact data is then deleted once `deleteContactAfter` (ISO
   * time) has passed (see {@link Store.purgeInquiryContacts}).
   */
  replyInquiry(
    id: number,
    reply: { text: string; actor: Actor; at: string; faqId: number | null; deleteContactAfter: string },
  ): Promise<InquiryReplyResult>;
  /** Records that `actor` was shown the inquiry's contact data and returns it (null: none, or already deleted). */
  revealInquiryContact(id: number, actor: Actor, at: string): Promise<InquiryContact | null>;
  /** Who was shown an inquiry's contact data, last first. */
  listContactViews(id: number): Promise<ContactView[]>;
  /**
   * Deletes the contact data whose time has come: of a replied inquiry once its `deleteContactAfter` ≤ `now`, of an
   * inquiry never replied once it was received at or before `unrepliedReceivedBefore` (ISO times); returns how many went.
   */
  purgeInquiryContacts(now: string, unrepliedReceivedBefore: string): Promise<number>;
  /** Created and reply times of the inquiries received since `since` (for the statistics), oldest first, at most `limit`. */
  inquiryTimes(since: string, limit: number): Promise<Array<{ createdAt: string; repliedAt: string | null }>>;
  /** Questions (by how they were answered) and votes per local month since `since`, for the public statistics. */
  monthlyActivity(since: string, utcOffsetMinutes: number): Promise<MonthlyActivity[]>;
  /** The staff calendar: holidays and worked weekend days, by date. */
  listCalendar(): Promise<CalendarDay[]>;
  /** Replaces the whole calendar. */
  replaceCalendar(days: readonly CalendarDay[]): Promise<void>;

  /** Deletes logged questions and feedback older than `before` (ISO time); returns how many rows went. */
  purge(before: string): Promise<{ questions: number; feedback: number }>;
  close(): Promise<void>;
}

/**
 * The key questions are grouped by in the unanswered list and the overview: normalized (width, Traditional →
 * Simplified, case), without punctuation, white space or a leading 请问/你好.
 */
export function questionKey(question: string): string {
  return normalizeText(question)
    .replace(/[^\p{Script=Han}\p{L}\p{N}[\]]+/gu, '')
    .replace(/^(?:你好|您好|请问|问一下|咨询一下)+/u, '')
    .replace(/(?:谢谢|多谢)+$/u, '')
    .replace(/[吗呢啊呀吧]+$/u, '');
}

/** Whether an input would leave an entry as it is (an edit that changes nothing is not a new version). */
export function sameFaqContent(entry: FaqEntry, input: FaqInput): boolean {
  return (
    entry.question === input.question &&
    entry.answer === input.answer &&
    entry.link === input.link &&
    entry.enabled === input.enabled &&
    entry.hot === input.hot &&
    JSON.stringify(entry.alternatives) === JSON.stringify(input.alternatives) &&
    JSON.stringify(entry.tags) === JSON.stringify(input.tags)
  );
}

/** The calendar day of an ISO time in a time zone `utcOffsetMinutes` ahead of UTC, as `YYYY-MM-DD`. */
export function localDay(iso: string, utcOffsetMinutes: number): string {
  return new Date(Date.parse(iso) + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** Daily counts for every day from `since` to `until` (local days), with zeros for days without questions. */
export function fillDays(counts: readonly DailyCount[], since: string, until: string, utcOffsetMinutes: number): DailyCount[] {
  const byDate = new Map(counts.map((c) => [c.date, c]));
  const out: DailyCount[] = [];
  const last = localDay(until, utcOffsetMinutes);
  for (let day = localDay(since, utcOffsetMinutes); day <= last && out.length < 3660; ) {
    out.push(byDate.get(day) ?? { date: day, total: 0, faq: 0, corpus: 0, none: 0 });
    day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  }
  for (const c of counts) if (!out.some((d) => d.date === c.date)) out.push(c);
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
