import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, createApiClient, normalizeAskResponse } from '../../widget/src/api.js';

const ENDPOINT = 'https://robot.example.gov.cn';

function recordingFetch(respond: (url: string, init: RequestInit) => Promise<Response> | Response) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return respond(String(url), init ?? {});
  });
  return { calls, fetch: fetch as unknown as typeof globalThis.fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  vi.useRealTimers();
});

describe('createApiClient', () => {
  it('posts the question as JSON with the client id and no cookies', async () => {
    const { calls, fetch } = recordingFetch(() => json({ id: 'a1', answer: '答', matched: 'corpus', sources: [], highlights: [] }));
    const api = createApiClient({ endpoint: ENDPOINT, clientId: 'client_1234', fetch });
    const response = await api.ask('多少条？');
    expect(response).toMatchObject({ id: 'a1', answer: '答', matched: 'corpus', contacts: [], suggestions: [] });
    const [call] = calls;
    expect(call!.url).toBe(`${ENDPOINT}/api/ask`);
    expect(call!.init.method).toBe('POST');
    expect(call!.init.credentials).toBe('omit');
    expect(call!.init.headers).toEqual({ 'X-QA-Client': 'client_1234', 'Content-Type': 'application/json' });
    expect(JSON.parse(String(call!.init.body))).toEqual({ question: '多少条？' });
  });

  it('looks up suggestions and hot questions with GET and the client id', async () => {
    const { calls, fetch } = recordingFetch((url) =>
      url.includes('suggest') ? json({ suggestions: ['甲', 2, '乙'] }) : json({ questions: ['热'] }),
    );
    const api = createApiClient({ endpoint: ENDPOINT, clientId: 'client_1234', fetch });
    expect(await api.suggest('公开 收费?')).toEqual(['甲', '乙']);
    expect(await api.hotQuestions()).toEqual(['热']);
    expect(calls[0]!.url).toBe(`${ENDPOINT}/api/suggest?q=${encodeURIComponent('公开 收费?')}`);
    expect(calls[0]!.init.method).toBe('GET');
    expect(calls[0]!.init.headers).toEqual({ 'X-QA-Client': 'client_1234' });
  });

  it('posts feedback with the answer id and the vote, accepting 201 without a body', async () => {
    const { calls, fetch } = recordingFetch(() => new Response(null, { status: 201 }));
    const api = createApiClient({ endpoint: ENDPOINT, clientId: 'client_1234', fetch });
    await api.sendFeedback('a1', false);
    expect(calls[0]!.url).toBe(`${ENDPOINT}/api/feedback`);
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ answerId: 'a1', helpful: false });
  });

  it('reports an HTTP error status, including rate limiting', async () => {
    const { fetch } = recordingFetch(() => json({ error: { code: 'rate_limited', message: '…' } }, 429));
    const api = createApiClient({ endpoint: ENDPOINT, clientId: 'client_1234', fetch });
    await expect(api.ask('问')).rejects.toEqual(new ApiRequestError({ kind: 'http', status: 429 }));
  });

  it('reports a network failure', async () => {
    const { fetch } = recordingFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const api = createApiClient({ endpoint: ENDPOINT, clientId: 'client_1234', fetch });
    await expect(api.ask('问')).rejects.toMatchObject({ failure: { kind: 'network' } });
  });

  it('gives up after the timeout and reports it as a timeout', async () => {
    vi.useFakeTimers();
    const { fetch } = recordingFetch(
      (_url, init) =>
        new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const api = createApiClient({ endpoint: ENDPOINT, clientId: 'client_1234', fetch, timeoutMs: 15_000 });
    const asked = api.ask('问');
    const settled = expect(asked).rejects.toMatchObject({ failure: { kind: 'timeout' } });
    await vi.advanceTimersByTimeAsync(15_000);
    await settled;
  });

  it('treats an answer that is not the expected JSON as a server error', async () => {
    const { fetch } = recordingFetch(() => new Response('<html>proxy error</html>', { status: 200 }));
    const api = createApiClient({ endpoint: ENDPOINT, clientId: 'client_1234', fetch });
    await expect(api.ask('问')).rejects.toMatchObject({ failure: { kind: 'http', status: 200 } });
  });

  it('lets a cancelled suggestion lookup reject as an abort, not as a failure', async () => {
    const { fetch } = recordingFetch(
      (_url, init) =>
        new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const api = createApiClient({ endpoint: ENDPOINT, clientId: 'client_1234', fetch });
    const controller = new AbortController();
    const lookup = api.suggest('公开', controller.signal);
    controller.abort();
    await expect(lookup).rejects.not.toBeInstanceOf(ApiRequestError);
  });
});

describe('normalizeAskResponse', () => {
  it('keeps a well-formed answer as it is', () => {
    const good = {
      id: 'a',
      answer: '答',
      matched: 'faq' as const,
      sources: [{ title: 't', date: null, url: null, section: '', snippet: '', year: null }],
      highlights: [{ start: 0, end: 1 }],
      questionTypes: ['what' as const],
      year: null,
      contacts: [{ label: '热线', phone: '6958002' }],
      suggestions: ['问'],
      faq: { id: 3, link: 'https://x.gov.cn/' },
    };
    expect(normalizeAskResponse(good)).toEqual(good);
  });

  it('replaces mistyped fields with empty values and rejects an answer without id or text', () => {
    expect(normalizeAskResponse({ id: 'a', answer: '答', sources: [{ title: 5, url: {} }], year: '2015', matched: 'x' })).toMatchObject({
      matched: 'none',
      sources: [{ title: '', url: null, date: null }],
      year: null,
    });
    expect(normalizeAskResponse({ answer: '答' })).toBeNull();
    expect(normalizeAskResponse('答')).toBeNull();
  });
});
