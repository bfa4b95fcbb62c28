// Wrong staff tokens are throttled per address: 10 a minute, then 429 with Retry-After for a minute, two, four, …;
// staff at another address are never locked out.
import type { Context } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../server/contract.js';
import { staffAppDeps } from '../../server/http/admin-routes.js';
import { createFailureThrottle } from '../../server/http/rate-limit.js';
import { readSiteSettings } from '../../server/runtime/node-engine.js';
import { createNodeFaqIndex } from '../../server/runtime/node-staff.js';
import { openSqliteStore } from '../../server/store/sqlite-store.js';
import { loadCorpus, testApp, testConfig } from '../helpers/corpus.js';
import { tempDataDir, TOKEN } from '../helpers/staff.js';

let clock = Date.parse('2024-06-01T08:00:00Z');
const store = openSqliteStore({ dataDir: tempDataDir() });
afterAll(() => store.close());
const corpus = loadCorpus();
const faq = createNodeFaqIndex(store, { ...corpus, site: readSiteSettings(corpus.corpusDir) });
const app = testApp(corpus, {
  config: testConfig({ ADMIN_TOKEN: TOKEN }),
  // The test names the client's address in a header; the runtimes take it from the socket or the proxy.
  clientAddress: (c: Context) => c.req.header('x-test-address') ?? 'unknown',
  ...staffAppDeps({ store, faq, now: () => new Date(clock) }),
});

const tryToken = (token: string, address: string) =>
  app.request('/api/admin/faq', { headers: { authorization: `Bearer ${token}`, 'x-test-address': address } });

describe('throttling wrong staff tokens', () => {
  it('answers 3,000 wrong tokens from one address with at most 10 checks, the rest 429 with Retry-After', async () => {
    const statuses = new Map<number, number>();
    for (let i = 0; i < 3000; i++) {
      const res = await tryToken(`guess-${i}-0123456789abcdef`, '198.51.100.1');
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        if (i === 2999) expect(((await res.json()) as ErrorResponse).error.code).toBe('too_many_failures');
      }
    }
    expect(Object.fromEntries(statuses)).toEqual({ 401: 10, 429: 2990 });
  });

  it('refuses even the right token from the blocked address, so a lucky guess is not told apart', async () => {
    expect((await tryToken(TOKEN, '198.51.100.1')).status).toBe(429);
  });

  it('lets staff with the right token in from another address meanwhile', async () => {
    const res = await tryToken(TOKEN, '203.0.113.20');
    expect(res.status).toBe(200);
  });

  it('blocks for a minute, then two, then four', async () => {
    const blocked = await tryToken('wrong-0123456789abcdef', '198.51.100.1');
    expect(Number(blocked.headers.get('retry-after'))).toBe(60);
    clock += 61_000;
    expect((await tryToken(TOKEN, '198.51.100.1')).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await tryToken(`wrong-${i}-0123456789abcdef`, '198.51.100.1')).status).toBe(401);
    expect((await tryToken('wrong-9-0123456789abcdef', '198.51.100.1')).status).toBe(401);
    expect((await tryToken('wrong-10-0123456789abcdef', '198.51.100.1')).headers.get('retry-after')).toBe('120');
    clock += 121_000;
    for (let i = 0; i < 10; i++) await tryToken(`wrong-${i}-0123456789abcdef`, '198.51.100.1');
    expect((await tryToken(TOKEN, '198.51.100.1')).headers.get('retry-after')).toBe('240');
  });

  it('does not count a staff member\'s typos that a right token follows', async () => {
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 9; i++) expect((await tryToken('typo-0123456789abcdef', '203.0.113.30')).status).toBe(401);
      expect((await tryToken(TOKEN, '203.0.113.30')).status).toBe(200);
    }
  });

  it('starts short again after an hour without failures, and forgets the oldest addresses past its size', () => {
    const throttle = createFailureThrottle({ failures: 2, blockMs: 1000, maxBlockMs: 10_000, maxKeys: 2 });
    throttle.fail('a', 0);
    throttle.fail('a', 1);
    expect(throttle.check('a', 2)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    throttle.fail('a', 2000);
    throttle.fail('a', 2001);
    expect(throttle.check('a', 2002).retryAfterSeconds).toBe(2);
    throttle.fail('a', 30_000);
    throttle.fail('a', 30_001);
    expect(throttle.check('a', 30_002).retryAfterSeconds).toBe(1);
    throttle.fail('b', 40_000);
    throttle.fail('c', 40_000);
    throttle.fail('c', 40_001);
    throttle.fail('a', 40_002);
    expect(throttle.check('c', 40_003).allowed).toBe(false);
  });
});
