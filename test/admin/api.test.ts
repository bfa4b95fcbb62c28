// The console's API client: the bearer token on every request, the staff name for the audit log, the API's
// errors (fields, the current entry on a conflict), and a 401 that sends staff back to the sign-in.
import { describe, expect, it } from 'vitest';
import { AdminApiError, createAdminApi, withQuery } from '../../widget/admin/api.js';
import { clearSession, readSession, saveSession } from '../../widget/admin/session.js';

interface Sent {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (url: string, init: RequestInit) => Response): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  return {
    sent,
    fetch: (async (input: RequestInfo | URL, init: RequestInit = {}) => {
      sent.push({ url: String(input), init });
      return respond(String(input), init);
    }) as typeof fetch,
  };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const header = (s: Sent, name: string) => new Headers(s.init.headers).get(name);

describe('createAdminApi', () => {
  it('sends the token as a bearer header and the staff name URL-encoded, never cookies', async () => {
    const { fetch, sent } = fakeFetch(() => json({ entries: [] }));
    const api = createAdminApi({ token: 'tok-123', staffName: '王芳', fetch });
    expect(await api.listFaq()).toEqual([]);
    expect(sent[0]!.url).toBe('/api/admin/faq');
    expect(header(sent[0]!, 'authorization')).toBe('Bearer tok-123');
    expect(header(sent[0]!, 'x-staff-name')).toBe('%E7%8E%8B%E8%8A%B3');
    expect(sent[0]!.init.credentials).toBe('omit');
  });

  it('sends the version it edits, and the version a delete expects', async () => {
    const { fetch, sent } = fakeFetch((url, init) => (init.method === 'DELETE' ? new Response(null, { status: 204 }) : json({ id: 3, version: 3 })));
    const api = createAdminApi({ token: 't', fetch });
    await api.updateFaq(3, { version: 2, enabled: false });
    await api.deleteFaq(3, 3);
    expect(sent[0]!.init.method).toBe('PUT');
    expect(JSON.parse(String(sent[0]!.init.body))).toEqual({ version: 2, enabled: false });
    expect(header(sent[0]!, 'content-type')).toBe('application/json');
    expect(sent[1]!.url).toBe('/api/admin/faq/3?version=3');
  });

  it('reads a 400 with the wrong fields, and a 409 with the entry as it is now', async () => {
    const current = { id: 3, version: 4 };
    const { fetch } = fakeFetch((url) =>
      url.endsWith('/faq')
        ? json({ error: { code: 'invalid_faq', message: 'answer: is required', fields: { answer: 'is required' } } }, 400)
        : json({ error: { code: 'version_conflict', message: 'changed' }, current }, 409),
    );
    const api = createAdminApi({ token: 't', fetch });
    const invalid = await api.createFaq({ question: 'q', answer: '' }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(AdminApiError);
    expect(invalid).toMatchObject({ status: 400, code: 'invalid_faq', fields: { answer: 'is required' } });
    const conflict = await api.updateFaq(3, { version: 2 }).catch((e: unknown) => e);
    expect(conflict).toMatchObject({ status: 409, code: 'version_conflict', current });
  });

  it('calls onUnauthorized on a 401 before rejecting', async () => {
    const seen: string[] = [];
    const { fetch } = fakeFetch(() => json({ error: { code: 'unauthorized', message: 'wrong' } }, 401));
    const api = createAdminApi({ token: 'old', fetch, onUnauthorized: (e) => seen.push(e.code) });
    await expect(api.overview({ days: 30, tz: 480 })).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(seen).toEqual(['unauthorized']);
  });

  it('names a network failure and an answer that is not JSON', async () => {
    const down = createAdminApi({ token: 't', fetch: (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch });
    await expect(down.reports()).rejects.toMatchObject({ status: 0, code: 'network' });
    const proxy = createAdminApi({ token: 't', fetch: fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502 })).fetch });
    await expect(proxy.reports()).rejects.toMatchObject({ status: 502, code: 'http_502' });
  });

  it('uploads an import file as its bytes with the right content type, and reads an export name', async () => {
    const { fetch, sent } = fakeFetch((url) =>
      url.includes('export')
        ? new Response('question,answer\n', { headers: { 'content-disposition': 'attachment; filename="faq-20240503.csv"' } })
        : json({ created: 1, updated: 0, unchanged: 0, results: [], errors: [] }),
    );
    const api = createAdminApi({ token: 't', fetch });
    const file = new Blob(['问题,答案\n']);
    await api.importFaq(file, 'csv');
    expect(sent[0]!.init.body).toBe(file);
    expect(header(sent[0]!, 'content-type')).toBe('text/csv; charset=utf-8');
    const download = await api.exportFaq('csv');
    expect(sent[1]!.url).toBe('/api/admin/faq/export?format=csv');
    expect(download.contentDisposition).toContain('faq-20240503.csv');
    expect(await download.blob.text()).toBe('question,answer\n');
  });

  it('publishes reports with their base64 content and the replace flag', async () => {
    const { fetch, sent } = fakeFetch(() => json({ documents: 2, passages: 41, ms: 2000 }, 201));
    const api = createAdminApi({ token: 't', fetch });
    await api.publishReports([{ name: 'a.txt', content: 'aGk=', meta: { url: 'https://x.gov.cn/a' } }], true);
    expect(sent[0]!.url).toBe('/api/admin/reports');
    expect(JSON.parse(String(sent[0]!.init.body))).toEqual({ files: [{ name: 'a.txt', content: 'aGk=', meta: { url: 'https://x.gov.cn/a' } }], replace: true });
    // A rebuild takes as long as it takes: no timeout signal fires while the server works.
    expect(sent[0]!.init.signal?.aborted).toBe(false);
  });
});

describe('withQuery', () => {
  it('writes only the parameters that are set, booleans as 1/0', () => {
    expect(withQuery('/api/admin/unanswered', { days: 30, sort: 'count', resolved: true })).toBe('/api/admin/unanswered?days=30&sort=count&resolved=1');
    expect(withQuery('/api/admin/feedback', { helpful: null, limit: 100 })).toBe('/api/admin/feedback?limit=100');
    expect(withQuery('/x', {})).toBe('/x');
  });
});

describe('the staff session', () => {
  function memoryStore() {
    const data = new Map<string, string>();
    return {
      data,
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
  }

  it('keeps the token and name in the tab storage and forgets them on sign-out', () => {
    const store = memoryStore();
    expect(readSession(store)).toBeNull();
    saveSession(store, { token: 'tok', name: '王芳' });
    expect(readSession(store)).toEqual({ token: 'tok', name: '王芳' });
    clearSession(store);
    expect(readSession(store)).toBeNull();
    expect(store.data.size).toBe(0);
  });

  it('works without storage (a browser that refuses it) for one page view', () => {
    expect(readSession(null)).toBeNull();
    expect(() => saveSession(null, { token: 't', name: '' })).not.toThrow();
  });
});
