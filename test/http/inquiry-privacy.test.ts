// Privacy of 留言 (inquiries): the question is stored masked like the question log; the contact data a citizen leaves
// lives only in its own table, never in a log line, a listing or the lookup, and is gone from the database files once
// the inquiry is replied and its retention has passed.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { InquiryCreatedResponse } from '../../server/contract.js';
import type { Logger } from '../../server/http/log.js';
import { databasePath } from '../../server/store/sqlite-store.js';
import { staffHarness } from '../helpers/staff.js';

const logLines: string[] = [];
const capture = (level: string) => (event: string, fields: Record<string, unknown> = {}) => void logLines.push(JSON.stringify({ level, event, ...fields }));
const logger: Logger = { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') };

const h = staffHarness({ INQUIRY_CONTACT_RETENTION_DAYS: '0' }, undefined, { logger });
afterAll(() => h.store.close());

const table = JSON.parse(readFileSync('test/fixtures/personal-data.json', 'utf8')) as {
  masked: Array<{ text: string; expected: string; secrets: string[] }>;
};

const PHONE = '13987654321';
const EMAIL = 'wang.wu@example.org';

const leave = (body: Record<string, unknown>) =>
  h.app.request('/api/inquiries', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Rows of every table but the contact table, as text. */
function textOutsideContacts(): string {
  const db = h.store.db;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).filter((t) => t !== 'inquiry_contacts');
  return tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all())).join('\n');
}

function databaseFiles(): Buffer {
  const path = databasePath(h.dataDir);
  return Buffer.concat([path, `${path}-wal`].filter((p) => existsSync(p)).map((p) => readFileSync(p)));
}

describe('personal data in inquiries', () => {
  it('stores the question of an inquiry only masked, for every form in the shared table', async () => {
    for (const { text, expected } of table.masked) {
      const res = await leave({ question: text });
      expect(res.status).toBe(201);
      expect(h.store.db.prepare('SELECT question FROM inquiries ORDER BY id DESC LIMIT 1').pluck().get()).toBe(expected);
    }
    const stored = textOutsideContacts();
    for (const { secrets } of table.masked) for (const secret of secrets) expect(stored, secret).not.toContain(secret);
  });

  it('keeps contact data in its own table only, out of every log line, listing and lookup', async () => {
    const res = await leave({ question: '请回电：残疾证怎么办', phone: PHONE, email: EMAIL, consent: true });
    const { code } = (await res.json()) as InquiryCreatedResponse;
    expect(h.store.db.prepare('SELECT phone, email FROM inquiry_contacts').all()).toEqual([{ phone: PHONE, email: EMAIL }]);
    const outside = textOutsideContacts();
    const listing = await (await h.admin('/api/admin/inquiries?status=all&limit=200')).text();
    const lookup = await (await h.app.request('/api/inquiries/lookup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })).text();
    const id = h.store.db.prepare("SELECT id FROM inquiries WHERE question = '请回电：残疾证怎么办'").pluck().get() as number;
    expect((await h.admin(`/api/admin/inquiries/${id}/contact`, { method: 'POST' })).status).toBe(200);
    const logs = logLines.join('\n');
    for (const secret of [PHONE, EMAIL]) {
      expect(outside, secret).not.toContain(secret);
      expect(listing, secret).not.toContain(secret);
      expect(lookup, secret).not.toContain(secret);
      expect(logs, secret).not.toContain(secret);
    }
    expect(logs).toContain('inquiry.contact_viewed');
  });

  it('leaves no trace of the contact data in the database files once replied and past retention', async () => {
    const id = h.store.db.prepare("SELECT id FROM inquiries WHERE question = '请回电：残疾证怎么办'").pluck().get() as number;
    expect(databaseFiles().includes(Buffer.from(PHONE))).toBe(true);
    expect((await h.admin(`/api/admin/inquiries/${id}/reply`, { method: 'POST', json: { reply: '已回电说明。' } })).status).toBe(200);
    h.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = databaseFiles();
    expect(bytes.includes(Buffer.from(PHONE)), 'phone in the database files').toBe(false);
    expect(bytes.includes(Buffer.from(EMAIL)), 'e-mail in the database files').toBe(false);
  });
});
