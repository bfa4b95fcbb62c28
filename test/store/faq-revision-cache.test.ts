// The per-isolate FAQ revision cache the Worker puts in front of D1: one read per interval, own writes seen at once.
import { describe, expect, it } from 'vitest';
import { cacheFaqRevision } from '../../server/store/faq-revision-cache.js';
import { openSqliteStore } from '../../server/store/sqlite-store.js';
import { faqInput, tempDataDir } from '../helpers/staff.js';

function counted() {
  const store = openSqliteStore({ dataDir: tempDataDir() });
  let reads = 0;
  const faqRevision = store.faqRevision;
  store.faqRevision = () => {
    reads++;
    return faqRevision();
  };
  return { store, reads: () => reads };
}

describe('cacheFaqRevision', () => {
  it('reads the revision once per interval, however many questions ask meanwhile', async () => {
    const { store, reads } = counted();
    let clock = 1_000;
    const cached = cacheFaqRevision(store, 2_000, () => clock);
    await Promise.all([cached.faqRevision(), cached.faqRevision(), cached.faqRevision()]);
    clock += 1_999;
    await cached.faqRevision();
    expect(reads()).toBe(1);
    clock += 1;
    await cached.faqRevision();
    expect(reads()).toBe(2);
    await store.close();
  });

  it("sees its own writes at once, and another writer's once the interval is over", async () => {
    const { store } = counted();
    let clock = 0;
    const cached = cacheFaqRevision(store, 2_000, () => clock);
    const r0 = await cached.faqRevision();
    await cached.createFaq(faqInput({ question: '问题一' }), 'staff');
    const r1 = await cached.faqRevision();
    expect(r1).not.toBe(r0);
    await store.createFaq(faqInput({ question: '问题二' }), 'staff'); // another isolate, through the database
    expect(await cached.faqRevision()).toBe(r1);
    clock += 2_000;
    expect(await cached.faqRevision()).not.toBe(r1);
    await store.close();
  });

  it('does not keep a failed read', async () => {
    const { store } = counted();
    let fail = true;
    const flaky = { ...store, faqRevision: () => (fail ? Promise.reject(new Error('D1 is down')) : store.faqRevision()) };
    const cached = cacheFaqRevision(flaky, 60_000);
    await expect(cached.faqRevision()).rejects.toThrow('D1 is down');
    fail = false;
    expect(await cached.faqRevision()).toBe(0);
    await store.close();
  });
});
