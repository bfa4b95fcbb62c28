// The D1 store and rate limiter on a real local D1 (workerd through wrangler's getPlatformProxy), with the migrations
// applied by `wrangler d1 migrations apply --local`, as `npm run dev:worker` applies them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createD1RateLimiter, purgeRateLimits, RATE_WINDOW_MS } from '../../server/store/d1-rate-limit.js';
import { createD1Store, d1Driver, type D1Database } from '../../server/store/d1-store.js';
import { faqInput } from '../helpers/staff.js';
import { openLocalD1 } from '../helpers/wrangler.js';
import { describeDriverContract } from './sql-driver-contract.js';
import { describeStoreContract } from './store-contract.js';

let db: D1Database;
let dispose: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, dispose } = await openLocalD1());
}, 120_000);
afterAll(async () => dispose?.());

/** Empties the database (ids start at 1 again), as a new database would be. */
async function emptyDatabase(): Promise<void> {
  await db.batch(
    [
      'DELETE FROM faq_entries',
      'DELETE FROM questions',
      'DELETE FROM feedback',
      'DELETE FROM audit_log',
      'DELETE FROM rate_limits',
      'DELETE FROM inquiries',
      'DELETE FROM inquiry_contacts',
      'DELETE FROM inquiry_contact_views',
      'DELETE FROM calendar_days',
      "DELETE FROM sqlite_sequence WHERE name IN ('faq_entries', 'feedback', 'audit_log', 'inquiries', 'inquiry_contact_views')",
      "UPDATE store_state SET value = 0 WHERE key = 'faq_revision'",
    ].map((sql) => db.prepare(sql)),
  );
}

describeStoreContract('D1 store', async () => {
  await emptyDatabase();
  return createD1Store(db);
});

describeDriverContract('D1', () => d1Driver(db));

describe('D1 store with several isolates writing at once', () => {
  it('lets exactly one of two edits of the same version through; the other gets a conflict', async () => {
    await emptyDatabase();
    const [a, b] = [createD1Store(db), createD1Store(db)];
    const entry = await a.createFaq(faqInput({ question: '办事大厅几点上班？', answer: '九点' }), 'staff');
    const results = await Promise.all([
      a.updateFaq(entry.id, faqInput({ question: entry.question, answer: '八点半' }), 1, 'staff:甲'),
      b.updateFaq(entry.id, faqInput({ question: entry.question, answer: '十点' }), 1, 'staff:乙'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['conflict', 'updated']);
    expect(await a.getFaq(entry.id)).toMatchObject({ version: 2 });
    expect((await a.listAudit({ limit: 10 })).map((r) => r.action)).toEqual(['update', 'create']);
  });

  it('serializes concurrent creates, edits and deletes: every write is audited and bumps the revision once', async () => {
    await emptyDatabase();
    const stores = [createD1Store(db), createD1Store(db), createD1Store(db)];
    const created = await Promise.all(stores.flatMap((s, i) => [1, 2, 3].map((n) => s.createFaq(faqInput({ question: `问题${i}-${n}` }), 'staff'))));
    expect(new Set(created.map((e) => e.id)).size).toBe(9);
    const r0 = await stores[0]!.faqRevision();
    const edits = await Promise.all(
      created.map((e, i) =>
        i % 3 === 0
          ? stores[i % 3]!.deleteFaq(e.id, 'staff', 1)
          : stores[i % 3]!.updateFaq(e.id, faqInput({ question: e.question, answer: `新${i}` }), 1, 'staff'),
      ),
    );
    expect(edits.every((r) => r.status === 'updated' || r.status === 'deleted')).toBe(true);
    expect(await stores[1]!.faqRevision()).toBe(r0 + 9);
    expect(await stores[2]!.listFaq()).toHaveLength(6);
    expect(await stores[0]!.listAudit({ limit: 100 })).toHaveLength(18);
  });

  it('imports hundreds of long entries in one unit (the rows travel in several JSON parameters)', async () => {
    await emptyDatabase();
    const store = createD1Store(db);
    const long = '办理材料包括身份证原件及复印件、申请表、授权委托书。'.repeat(60);
    const inputs = Array.from({ length: 400 }, (_, i) => faqInput({ question: `第${i}个问题怎么办理？`, answer: `${i}：${long}` }));
    const outcomes = await store.importFaq(inputs, 'staff');
    expect(outcomes.map((o) => o.entry.id)).toEqual(inputs.map((_, i) => i + 1));
    expect(outcomes.every((o) => o.status === 'created')).toBe(true);
    expect(await store.getFaq(400)).toMatchObject({ question: '第399个问题怎么办理？', answer: `399：${long}` });
    const audit = await store.listAudit({ limit: 1000 });
    expect(audit).toHaveLength(400);
    expect(audit[0]).toMatchObject({ entityId: 400, after: { id: 400, question: '第399个问题怎么办理？' } });
    expect(await store.faqRevision()).toBe(400);
  });

  it('imports a row twice in one file as SQLite does: created, then updated to version 2', async () => {
    await emptyDatabase();
    const store = createD1Store(db);
    const outcomes = await store.importFaq([faqInput({ question: '停车场在哪里？', answer: '东门' }), faqInput({ question: '停车场在哪里', answer: '西门' })], 'staff');
    expect(outcomes.map((o) => [o.status, o.entry.id, o.entry.version, o.entry.answer])).toEqual([
      ['created', 1, 1, '东门'],
      ['updated', 1, 2, '西门'],
    ]);
    expect(await store.getFaq(1)).toMatchObject({ version: 2, answer: '西门', question: '停车场在哪里' });
    const audit = await store.listAudit({ limit: 10 });
    expect(audit.map((r) => [r.entityId, r.before?.version ?? null, r.after?.version ?? null])).toEqual([
      [1, 1, 2],
      [1, null, 1],
    ]);
  });
});

describe('D1 unanswered list', () => {
  it('shows the last logged wording of a group when several were asked in the same millisecond', async () => {
    await emptyDatabase();
    const store = createD1Store(db);
    const at = '2024-05-01T10:00:00.000Z';
    for (const [id, question] of [['a', '护照怎么办理？'], ['b', '护照 怎么办理'], ['c', '請問護照怎麼辦理']] as const) {
      await store.recordQuestion({ id, question, matched: 'none', faqId: null, passage: null, askedAt: at });
    }
    const [group] = await store.unanswered({ since: '2024-05-01T00:00:00.000Z', limit: 10 });
    expect(group).toMatchObject({ question: '請問護照怎麼辦理', unanswered: 3, lastAskedAt: at });
  });
});

describe('D1 rate limiter', () => {
  const t0 = Date.UTC(2024, 4, 1, 10, 0, 0);

  it('refuses the request after the limit with the seconds left in the window, counting across isolates', async () => {
    await emptyDatabase();
    const [isolateA, isolateB] = [createD1RateLimiter(db), createD1RateLimiter(db)];
    expect(await isolateA.hit('c:203.0.113.9:abcdefgh', 3, t0 + 1_000)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect((await isolateB.hit('c:203.0.113.9:abcdefgh', 3, t0 + 2_000)).allowed).toBe(true);
    expect((await isolateA.hit('c:203.0.113.9:abcdefgh', 3, t0 + 3_000)).allowed).toBe(true);
    expect(await isolateB.hit('c:203.0.113.9:abcdefgh', 3, t0 + 20_500)).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect((await isolateB.hit('c:203.0.113.9:other-client', 3, t0 + 21_000)).allowed).toBe(true);
  });

  it('starts counting again in the next window, and never goes back to an older one', async () => {
    await emptyDatabase();
    const limiter = createD1RateLimiter(db);
    for (let i = 0; i < 3; i++) await limiter.hit('k', 2, t0 + i);
    expect((await limiter.hit('k', 2, t0 + RATE_WINDOW_MS)).allowed).toBe(true);
    // An isolate whose clock is a moment behind adds to the newer window instead of resetting it.
    expect((await createD1RateLimiter(db).hit('k', 2, t0 + RATE_WINDOW_MS - 5)).allowed).toBe(true);
    expect(await limiter.hit('k', 2, t0 + RATE_WINDOW_MS + 30_000)).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it('stores no client address, and deletes the counters of ended windows', async () => {
    await emptyDatabase();
    const limiter = createD1RateLimiter(db);
    await limiter.hit('a:198.51.100.7', 5, t0);
    await limiter.hit('a:198.51.100.8', 5, t0 + RATE_WINDOW_MS);
    const rows = (await db.prepare('SELECT key FROM rate_limits').all<{ key: string }>()).results;
    expect(rows.map((r) => r.key).join()).not.toContain('198.51');
    expect(rows.every((r) => /^[0-9a-f]{32}$/.test(r.key))).toBe(true);
    // The first hit of the second window already deleted the first window's counter.
    expect(rows).toHaveLength(1);
    expect(await purgeRateLimits(db, t0 + 5 * RATE_WINDOW_MS)).toBe(1);
  });

  it('lets requests through when D1 fails, and reports the failure', async () => {
    const errors: unknown[] = [];
    const broken = { prepare: () => ({ bind: () => { throw new Error('D1 is down'); } }) } as unknown as D1Database;
    const limiter = createD1RateLimiter(broken, { onError: (e) => errors.push(e) });
    expect(await limiter.hit('k', 1, t0)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(errors).toHaveLength(1);
  });
});
