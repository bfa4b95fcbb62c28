// Owns the widget's only way to the server: HTTP calls to the public API with the client id and a timeout;
// imports only contract types.
import type {
  AskResponse,
  FeedbackRequest,
  HotQuestionsResponse,
  InquiryCreatedResponse,
  InquiryLookupResponse,
  InquiryRequest,
  QuestionType,
  SuggestResponse,
} from '../../server/contract.js';

/** Why a request failed: no connection, no answer in time, or an HTTP error status (or an unreadable body). */
export type ApiFailure = { kind: 'network' } | { kind: 'timeout' } | { kind: 'http'; status: number };

/** Thrown by every {@link ApiClient} call that does not get a usable answer. */
export class ApiRequestError extends Error {
  // `declare` and an assignment, not a parameter property: a class field below ES2022 costs the panel Oxc's
  // defineProperty helpers.
  declare readonly failure: ApiFailure;
  constructor(failure: ApiFailure) {
    super(`the robot's API request failed: ${failure.kind === 'http' ? failure.status : failure.kind}`);
    this.failure = failure;
    this.name = 'ApiRequestError';
  }
}

/** The public API as the widget uses it. */
export interface ApiClient {
  /** `POST /api/ask`. */
  ask(question: string): Promise<AskResponse>;
  /** `GET /api/suggest?q=`; `signal` cancels a stale lookup while the citizen keeps typing. */
  suggest(query: string, signal?: AbortSignal): Promise<string[]>;
  /** `GET /api/faq/hot`. */
  hotQuestions(): Promise<string[]>;
  /** `POST /api/feedback`; resolves on any 2xx. */
  /** A vote, and optionally what was missing (a second call for the same answer replaces the first). */
  sendFeedback(answerId: string, helpful: boolean, comment?: string): Promise<void>;
  /** Leaves a question for staff (留言); resolves to its 查询码. */
  leaveInquiry(request: InquiryRequest): Promise<InquiryCreatedResponse>;
  /** Where the inquiry with this 查询码 stands; null when no inquiry has it. */
  lookupInquiry(code: string): Promise<InquiryLookupResponse | null>;
}

/** What {@link createApiClient} needs. */
export interface ApiClientOptions {
  /** Base URL without a trailing slash. */
  endpoint: string;
  /** Value of the `X-QA-Client` header. */
  clientId: string;
  /** Milliseconds before a request is abandoned as a timeout. Default 15 000. */
  timeoutMs?: number;
  /** Default: the page's `fetch`. */
  fetch?: typeof fetch;
  /** Sent with every question as `report` (the page the widget is on, or `data-report`). */
  report?: string;
}

type Loose = Record<string, unknown>;
/** The error of an HTTP status, or of a 2xx answer whose body is not what was asked for (200). */
const httpError = (status: number) => new ApiRequestError({ kind: 'http', status });
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const textOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const integerOrNull = (v: unknown): number | null => (Number.isInteger(v) ? (v as number) : null);
const objects = (v: unknown): Loose[] => (Array.isArray(v) ? v.filter((i): i is Loose => !!i && typeof i === 'object') : []);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((i): i is string => typeof i === 'string') : []);

/**
 * Checks an answer's shape field by field (from the network or from sessionStorage): null without a string `id` and
 * `answer`; any other missing or mistyped field becomes empty, so rendering never meets an unexpected type.
 */
const sourcesOf = (v: unknown) =>
  objects(v).map((s) => ({
    title: text(s.title),
    date: textOrNull(s.date),
    url: textOrNull(s.url),
    section: text(s.section),
    snippet: text(s.snippet),
    year: integerOrNull(s.year),
  }));

/** Where an inquiry stands, field by field (from the network or from sessionStorage), with the same care. */
export function readInquiryLookup(v: Loose): InquiryLookupResponse {
  return {
    status: v.status === 'replied' ? 'replied' : 'open',
    question: text(v.question),
    createdAt: text(v.createdAt),
    reply: textOrNull(v.reply),
    repliedAt: textOrNull(v.repliedAt),
  };
}

export function normalizeAskResponse(value: unknown): AskResponse | null {
  // A primitive has no `id` either.
  const v = (value ?? {}) as Loose;
  if (typeof v.id !== 'string' || typeof v.answer !== 'string') return null;
  const faq = v.faq && typeof v.faq === 'object' ? (v.faq as Loose) : null;
  const clarify = objects((v.clarify as Loose | null)?.choices)
    .filter((c) => typeof c.answer === 'string')
    .map((c) => ({ label: text(c.label), answer: text(c.answer), sources: sourcesOf(c.sources) }));
  return {
    id: v.id,
    answer: v.answer,
    matched: v.matched === 'corpus' || v.matched === 'faq' ? v.matched : 'none',
    sources: sourcesOf(v.sources),
    highlights: objects(v.highlights)
      .filter((h) => Number.isInteger(h.start) && Number.isInteger(h.end))
      .map((h) => ({ start: h.start as number, end: h.end as number })),
    questionTypes: strings(v.questionTypes) as QuestionType[],
    year: integerOrNull(v.year),
    contacts: objects(v.contacts).map((c) => ({ label: text(c.label), phone: text(c.phone) })),
    suggestions: strings(v.suggestions),
    ...(faq ? { faq: { id: integerOrNull(faq.id) ?? 0, link: textOrNull(faq.link) } } : {}),
    ...(Array.isArray(v.notes) ? { notes: strings(v.notes) } : {}),
    ...(Array.isArray(v.related) ? { related: strings(v.related).slice(0, 3) } : {}),
    ...(clarify.length === 2 ? { clarify: { choices: clarify } } : {}),
  };
}

/** Creates the API client. No cookies are sent (`credentials: 'omit'`): the robot needs no session. */
export function createApiClient({ endpoint, clientId, timeoutMs = 15_000, fetch: fetchImpl, report }: ApiClientOptions): ApiClient {
  const doFetch = fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  /**
   * Sends a request, a POST of `json` or else a GET; resolves with the parsed JSON body of a 2xx answer
   * (`parse: false`: without reading it).
   */
  async function request(path: string, init: { json?: unknown; parse?: boolean } = {}, outer?: AbortSignal): Promise<unknown> {
    const controller = new AbortController();
    // Two things abort a request: the timeout, and the caller's signal (whose abort is passed on as it is, below).
    const cancel = () => controller.abort();
    const timer = setTimeout(cancel, timeoutMs);
    outer?.addEventListener('abort', cancel);
    const headers: Record<string, string> = { 'X-QA-Client': clientId };
    if (init.json !== undefined) headers['Content-Type'] = 'application/json';
    let status = 0;
    try {
      const response = await doFetch(endpoint + path, {
        method: init.json === undefined ? 'GET' : 'POST',
        headers,
        body: init.json === undefined ? null : JSON.stringify(init.json),
        credentials: 'omit',
        signal: controller.signal,
      });
      status = response.status;
      if (!response.ok) throw httpError(status);
      return init.parse === false ? null : await response.json();
    } catch (error) {
      if (error instanceof ApiRequestError || outer?.aborted) throw error;
      if (controller.signal.aborted) throw new ApiRequestError({ kind: 'timeout' });
      // An answer came but its body is not JSON: the server's failure, not the connection's.
      throw status ? httpError(status) : new ApiRequestError({ kind: 'network' });
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', cancel);
    }
  }

  return {
    async ask(question) {
      const body = normalizeAskResponse(await request('/api/ask', { json: { question, report } }));
      if (!body) throw httpError(200);
      return body;
    },
    async suggest(query, signal) {
      const body = (await request(`/api/suggest?q=${encodeURIComponent(query)}`, {}, signal)) as SuggestResponse | null;
      return strings(body?.suggestions);
    },
    async hotQuestions() {
      const body = (await request('/api/faq/hot')) as HotQuestionsResponse | null;
      return strings(body?.questions);
    },
    async sendFeedback(answerId, helpful, comment) {
      const feedback: FeedbackRequest = { answerId, helpful, ...(comment ? { comment } : {}) };
      await request('/api/feedback', { json: feedback, parse: false });
    },
    async leaveInquiry(inquiry) {
      const body = (await request('/api/inquiries', { json: inquiry })) as Partial<InquiryCreatedResponse> | null;
      if (typeof body?.code !== 'string') throw httpError(200);
      return { code: body.code, createdAt: text(body.createdAt), deadlineDays: integerOrNull(body.deadlineDays) ?? 0 };
    },
    async lookupInquiry(code) {
      try {
        return readInquiryLookup(((await request('/api/inquiries/lookup', { json: { code } })) ?? {}) as Loose);
      } catch (error) {
        if (error instanceof ApiRequestError && error.failure.kind === 'http' && error.failure.status === 404) return null;
        throw error;
      }
    },
  };
}
