// Behind a proxy (TRUST_PROXY=N) the client address is the one the trusted proxy appended to X-Forwarded-For: a client
// that writes its own entries cannot pick a fresh address, and so a fresh rate-limit budget, per request.
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.js';
import { forwardedClientAddress, nodeClientAddress } from '../../server/runtime/node.js';
import { testApp, testConfig } from '../helpers/corpus.js';

describe('the client address behind a trusted proxy', () => {
  it('takes the right-most X-Forwarded-For entry with one proxy, the N-th from the right with N', () => {
    expect(forwardedClientAddress('1.1.1.1, 2.2.2.2, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(forwardedClientAddress('1.1.1.1, 2.2.2.2, 203.0.113.7', 2)).toBe('2.2.2.2');
    expect(forwardedClientAddress('203.0.113.7', 3)).toBe('203.0.113.7');
    expect(forwardedClientAddress(' , 203.0.113.7 ,', 1)).toBe('203.0.113.7');
    expect(forwardedClientAddress('203.0.113.7', 0)).toBeUndefined();
    expect(forwardedClientAddress('', 1)).toBeUndefined();
  });

  it('reads TRUST_PROXY as a flag or a number of proxies, and refuses anything else', () => {
    const hops = (v: string) => readConfig({ TRUST_PROXY: v }).trustProxyHops;
    expect([hops('1'), hops('true'), hops('yes'), hops('0'), hops('off'), hops('2'), hops('')]).toEqual([1, 1, 1, 0, 0, 2, 0]);
    expect(readConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(true);
    expect(readConfig({}).trustProxy).toBe(false);
    expect(() => readConfig({ TRUST_PROXY: 'nginx' })).toThrow(/TRUST_PROXY/);
    expect(() => readConfig({ TRUST_PROXY: '99' })).toThrow(/TRUST_PROXY/);
  });

  it('keeps 1,500 requests with forged left-most entries within a limit of 60', async () => {
    const config = testConfig({ TRUST_PROXY: '1', RATE_LIMIT_PER_MINUTE: '60' });
    const app = testApp(undefined, { config, clientAddress: nodeClientAddress(config) });
    let allowed = 0;
    for (let i = 0; i < 1500; i++) {
      const forged = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      const res = await app.request('/api/suggest?q=投诉', { headers: { 'x-forwarded-for': `${forged}, 198.51.100.${i % 3}, 203.0.113.7` } });
      if (res.status === 200) allowed++;
      else expect(res.status).toBe(429);
    }
    expect(allowed).toBe(60);
  });

  it('with TRUST_PROXY=2 counts the address the outer proxy appended, whatever the client wrote before it', async () => {
    const config = testConfig({ TRUST_PROXY: '2', RATE_LIMIT_PER_MINUTE: '5' });
    const app = testApp(undefined, { config, clientAddress: nodeClientAddress(config) });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await app.request('/api/suggest?q=投诉', { headers: { 'x-forwarded-for': `forged-${i}, 203.0.113.7, 10.0.0.2` } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    // Another citizen behind the same proxies has a budget of their own.
    const other = await app.request('/api/suggest?q=投诉', { headers: { 'x-forwarded-for': '203.0.113.8, 10.0.0.2' } });
    expect(other.status).toBe(200);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY', async () => {
    const config = testConfig({ RATE_LIMIT_PER_MINUTE: '3' });
    const app = testApp(undefined, { config, clientAddress: nodeClientAddress(config) });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await app.request('/api/suggest?q=a', { headers: { 'x-forwarded-for': `10.0.0.${i}` } })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});
