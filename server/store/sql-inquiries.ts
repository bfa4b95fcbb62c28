// Owns the Store's SQL for 留言 (inquiries): the inquiry, its contact data in a table of its own, the audited reveal,
// the staff calendar, and the monthly counts of the public statistics; runs over the same driver port as sql-store.ts; runtime-neutral, imports no node:*, hono,
// better-sqlite3 or Cloudflare types.
import type { CalendarDay, ContactView, InquiryRecord, InquiryStatus } from '../core/inquiries.js';
import type { MonthlyActivity } from '../core/stats.js';
import type { Store } from '../core/store.js';
import type { SqlDriver, SqlStatement, SqlValue } from './sql-store.js';

const SELECT = `SELECT i.*, EXISTS (SELECT 1 FROM inquiry_contacts c WHERE c.inquiry_id = i.id) AS has_contact FROM inquiries i`;

const SQL = {
  insert: `INSERT INTO inquiries (code_hash, question, answer_id, status, created_at) VALUES (?1, ?2, ?3, 'open', ?4) RETURNING id`,
  // Same batch as the insert: the contact row exists exactly when its inquiry does.
  insertContact: `INSERT INTO inquiry_contacts (inquiry_id, phone, email, consented_at)
    SELECT id, ?2, ?3, ?4 FROM inquiries WHERE code_hash = ?1`,
  byCode: `${SELECT} WHERE i.code_hash = ?1`,
  byId: `${SELECT} WHERE i.id = ?1`,
  listOpen: `${SELECT} WHERE i.status = 'open' ORDER BY i.created_at, i.id LIMIT ?1 OFFSET ?2`,
  listReplied: `${SELECT} WHERE i.status = 'replied' ORDER BY i.replied_at DESC, i.id DESC LIMIT ?1 OFFSET ?2`,
  listAll: `${SELECT} ORDER BY i.created_at DESC, i.id DESC LIMIT ?1 OFFSET ?2`,
  countOpen: `SELECT count(*) AS n FROM inquiries WHERE status = 'open' AND (?1 IS NULL OR created_at < ?1)`,
  reply: `UPDATE inquiries SET status = 'replied', reply = ?2, replied_at = ?3, replied_by = ?4, faq_id = ?5
    WHERE id = ?1 AND status = 'open'`,
  // Only a contact row still without a date: a second reply attempt (refused above) changes nothing.
  scheduleDelete: `UPDATE inquiry_contacts SET delete_after = ?2 WHERE inquiry_id = ?1 AND delete_after IS NULL`,
  recordView: `INSERT INTO inquiry_contact_views (inquiry_id, actor, at) SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM inquiries WHERE id = ?1)`,
  contact: `SELECT phone, email FROM inquiry_contacts WHERE inquiry_id = ?1`,
  views: `SELECT actor, at FROM inquiry_contact_views WHERE inquiry_id = ?1 ORDER BY id DESC LIMIT 100`,
  // A replied inquiry's contact row has its own date; an open one's goes by when the inquiry was received.
  purgeContacts: `DELETE FROM inquiry_contacts WHERE (delete_after IS NOT NULL AND delete_after <= ?1)
    OR (delete_after IS NULL AND inquiry_id IN (SELECT id FROM inquiries WHERE status = 'open' AND created_at <= ?2))`,
  times: `SELECT created_at, replied_at FROM inquiries WHERE created_at >= ?1 ORDER BY created_at, id LIMIT ?2`,
  calendar: `SELECT date, working, name FROM calendar_days ORDER BY date`,
  // ?2: the zone's offset as an SQLite modifier ('+480 minutes'); months are cut at local midnight.
  monthlyQuestions: `SELECT strftime('%Y-%m', asked_at, ?2) AS month, count(*) AS total, sum(matched = 'faq') AS faq,
      sum(matched = 'corpus') AS corpus, sum(matched = 'none') AS none
    FROM questions WHERE asked_at >= ?1 GROUP BY 1`,
  monthlyVotes: `SELECT strftime('%Y-%m', created_at, ?2) AS month, sum(helpful = 1) AS helpful, sum(helpful = 0) AS not_helpful
    FROM feedback WHERE created_at >= ?1 GROUP BY 1`,
  clearCalendar: `DELETE FROM calendar_days`,
  fillCalendar: `INSERT INTO calendar_days (date, working, name)
    SELECT json_extract(j.value, '$.date'), json_extract(j.value, '$.working'), json_extract(j.value, '$.name') FROM json_each(?1) j`,
} as const;

const sql = (text: string, ...params: SqlValue[]): SqlStatement => ({ sql: text, params });

interface InquiryRow {
  id: number;
  question: string;
  answer_id: string | null;
  status: InquiryStatus;
  created_at: string;
  reply: string | null;
  replied_at: string | null;
  replied_by: string | null;
  faq_id: number | null;
  has_contact: number;
}

function toInquiry(r: InquiryRow): InquiryRecord {
  return {
    id: r.id,
    question: r.question,
    answerId: r.answer_id,
    status: r.status,
    createdAt: r.created_at,
    reply: r.reply,
    repliedAt: r.replied_at,
    repliedBy: r.replied_by,
    faqId: r.faq_id,
    hasContact: r.has_contact === 1,
  };
}

/** The inquiry methods of the {@link Store} over a driver with the migrations applied. */
export type InquiryMethods = Pick<
  Store,
  | 'createInquiry'
  | 'findInquiryByCode'
  | 'getInquiry'
  | 'listInquiries'
  | 'countOpenInquiries'
  | 'replyInquiry'
  | 'revealInquiryContact'
  | 'listContactViews'
  | 'purgeInquiryContacts'
  | 'inquiryTimes'
  | 'listCalendar'
  | 'monthlyActivity'
  | 'replaceCalendar'
>;

/**
 * The inquiry part of the Store.
 *
 * @remarks Each method is one statement or one batch (all or nothing): an inquiry and its contact row are written
 * together, and a reveal is recorded in the same unit that reads the contact data, so no look goes unrecorded.
 */
export function createInquiryMethods(driver: SqlDriver): InquiryMethods {
  const rows = async <T>(statement: SqlStatement) => (await driver.run<T>(statement)).rows;
  const one = async (statement: SqlStatement) => {
    const row = (await rows<InquiryRow>(statement))[0];
    return row ? toInquiry(row) : null;
  };
  return {
    async createInquiry({ codeHash, question, answerId, contact, at }) {
      const statements = [sql(SQL.insert, codeHash, question, answerId, at)];
      if (contact) statements.push(sql(SQL.insertContact, codeHash, contact.phone, contact.email, at));
      const [inserted] = await driver.batch(statements);
      return { id: (inserted!.rows[0] as { id: number }).id };
    },
    findInquiryByCode: (codeHash) => one(sql(SQL.byCode, codeHash)),
    getInquiry: (id) => one(sql(SQL.byId, id)),
    async listInquiries({ status, limit, offset = 0 }) {
      const text = status === 'open' ? SQL.listOpen : status === 'replied' ? SQL.listReplied : SQL.listAll;
      return (await rows<InquiryRow>(sql(text, limit, offset))).map(toInquiry);
    },
    async countOpenInquiries(before) {
      return (await rows<{ n: number }>(sql(SQL.countOpen, before ?? null)))[0]?.n ?? 0;
    },
    async replyInquiry(id, { text, actor, at, faqId, deleteContactAfter }) {
      const [updated] = await driver.batch([sql(SQL.reply, id, text, at, actor, faqId), sql(SQL.scheduleDelete, id, deleteContactAfter)]);
      const inquiry = await one(sql(SQL.byId, id));
      if (!inquiry) return { status: 'not-found' };
      return updated!.changes > 0 ? { status: 'replied', inquiry } : { status: 'already-replied', inquiry };
    },
    async revealInquiryContact(id, actor, at) {
      const [, found] = await driver.batch([sql(SQL.recordView, id, actor, at), sql(SQL.contact, id)]);
      const row = found!.rows[0] as { phone: string | null; email: string | null } | undefined;
      return row ? { phone: row.phone, email: row.email } : null;
    },
    async listContactViews(id) {
      return rows<ContactView>(sql(SQL.views, id));
    },
    async purgeInquiryContacts(now, unrepliedReceivedBefore) {
      return (await driver.run(sql(SQL.purgeContacts, now, unrepliedReceivedBefore))).changes;
    },
    async inquiryTimes(since, limit) {
      const found = await rows<{ created_at: string; replied_at: string | null }>(sql(SQL.times, since, limit));
      return found.map((r) => ({ createdAt: r.created_at, repliedAt: r.replied_at }));
    },
    async monthlyActivity(since, utcOffsetMinutes) {
      const offset = `${utcOffsetMinutes >= 0 ? '+' : '-'}${Math.abs(Math.trunc(utcOffsetMinutes))} minutes`;
      const [questions, votes] = await driver.batch([sql(SQL.monthlyQuestions, since, offset), sql(SQL.monthlyVotes, since, offset)]);
      const months = new Map<string, MonthlyActivity>();
      const get = (month: string) => {
        let m = months.get(month);
        if (!m) months.set(month, (m = { month, total: 0, faq: 0, corpus: 0, none: 0, helpful: 0, notHelpful: 0 }));
        return m;
      };
      for (const r of questions!.rows as Array<{ month: string; total: number; faq: number; corpus: number; none: number }>) {
        Object.assign(get(r.month), { total: r.total, faq: r.faq, corpus: r.corpus, none: r.none });
      }
      for (const r of votes!.rows as Array<{ month: string; helpful: number; not_helpful: number }>) {
        Object.assign(get(r.month), { helpful: r.helpful, notHelpful: r.not_helpful });
      }
      return [...months.values()].sort((a, b) => b.month.localeCompare(a.month));
    },
    async listCalendar() {
      const found = await rows<{ date: string; working: number; name: string }>(sql(SQL.calendar));
      return found.map((r): CalendarDay => ({ date: r.date, working: r.working === 1, name: r.name }));
    },
    async replaceCalendar(days) {
      const json = JSON.stringify(days.map((d) => ({ date: d.date, working: d.working ? 1 : 0, name: d.name })));
      await driver.batch([sql(SQL.clearCalendar), sql(SQL.fillCalendar, json)]);
    },
  };
}
