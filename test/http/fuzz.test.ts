// Property-based abuse of every public route: random strings, invalid UTF-16, huge nesting, odd JSON.
// The app must answer every request, never with a 5xx, and every error must be the JSON error shape.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../../server/http/log.js';
import { createFileAssets } from '../../server/runtime/node.js';
import { testApp } from '../helpers/corpus.js';

const app = testApp();

async function check(res: Response) {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof body.error?.code).toBe('string');
    expect(typeof body.error?.message).toBe('string');
  } else {
    await res.arrayBuffer();
  }
}

const loneSurrogates = fc.array(fc.integer({ min: 0xd800, max: 0xdfff }), { maxLength: 8 }).map((codes) => String.fromCharCode(...codes));
const oddText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), loneSurrogates, fc.constantFrom('', ' ', '\u0000', '？？？', '<script>alert(1)</script>', '%E4%B8', '\\u00'));
const nested = fc.integer({ min: 1, max: 5000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth));
const oddJson = fc.oneof(
  fc.json(),
  nested,
  oddText.map((q) => JSON.stringify({ question: q })),
  fc.anything().map((v) => {
    try {
      return JSON.stringify({ question: v }) ?? 'null';
    } catch {
      return '{}';
    }
  }),
  oddText,
);
const contentTypes = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', '', 'application/problem+json');

describe('public routes under random input', () => {
  it('POST /api/ask never answers 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(oddJson, contentTypes, async (body, type) => {
        await check(await app.request('/api/ask', { method: 'POST', headers: type ? { 'content-type': type } : {}, body }));
      }),
      { numRuns: 300 },
    );
  });

  it('GET /api/ask and /api/suggest never answer 5xx for any query string', async () => {
    await fc.assert(
      fc.asyncProperty(oddText, async (q) => {
        const encoded = encodeURIComponent(q.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
        await check(await app.request(`/api/ask?q=${encoded}`));
        await check(await app.request(`/api/suggest?q=${encoded}`));
        await check(await app.request(`/api/ask?q=${q.replace(/[#?&]/g, '')}`));
      }),
      { numRuns: 200 },
    );
  });

  it('POST /api/feedback never answers 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(oddJson, contentTypes, async (body, type) => {
        await check(await app.request('/api/feedback', { method: 'POST', headers: type ? { 'content-type': type } : {}, body }));
      }),
      { numRuns: 150 },
    );
  });

  it('report pages and unknown paths never answer 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.webPath(), async (path) => {
        await check(await app.request(path || '/'));
        await check(await app.request(`/reports/${encodeURIComponent(path)}`));
      }),
      { numRuns: 150 },
    );
  });

  it('answers a body of 16 KiB of nested arrays with a 4xx, not a crash', async () => {
    const deep = '['.repeat(8000) + ']'.repeat(8000);
    const res = await app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: deep });
    expect(res.status).toBe(400);
  });

  it('answers invalid UTF-8 bytes with 400', async () => {
    const res = await app.request('/api/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    expect(res.status).toBe(400);
  });
});

describe('paths with malformed percent-encoding', () => {
  const errors: string[] = [];
  const silent = createLogger('silent');
  const logger: Logger = { ...silent, error: (event) => void errors.push(event) };
  // The app with the Node file server behind it, which decodes the paths it is asked for.
  const served = testApp(undefined, { assets: createFileAssets('dist/public'), logger });

  it('answers /%ZZ and /admin/%E0%A4%A with a 400 JSON error, logging no error', async () => {
    for (const path of ['/%ZZ', '/admin/%E0%A4%A', '/api/%ZZ', '/widget.js%', '/reports/%E0%A4%A', '/api/admin/faq/%C0']) {
      const res = await served.request(path);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_path');
    }
    expect(errors).toEqual([]);
  });

  it('never answers 5xx or logs an error for any mix of escapes, slashes and text', async () => {
    const piece = fc.oneof(
      fc.constantFrom('%', '%Z', '%ZZ', '%E0', '%A4', '%A', '%25', '%2F', '%00', '%C0%AF', '%FF', '/', '..', 'admin', 'api', 'reports', 'widget.js'),
      fc.stringMatching(/^[A-Za-z0-9._~-]{0,6}$/),
      fc.stringMatching(/^[0-9A-Fa-f]{1,2}$/).map((h) => `%${h}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 12 }), fc.constantFrom('GET', 'POST', 'HEAD'), async (pieces, method) => {
        const res = await served.request(`/${pieces.join('')}`, { method });
        expect(res.status).toBeLessThan(500);
        if (method !== 'HEAD') await check(res);
      }),
      { numRuns: 400 },
    );
    expect(errors).toEqual([]);
  });
});
