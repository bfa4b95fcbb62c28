// Owns the console's only way to the server: HTTP calls to the staff API (/api/admin/…) with the bearer token, and
// the errors it answers; imports only contract types.
import type {
  AdminAuditResponse,
  AdminCalendar,
  AdminInquiriesResponse,
  AdminInquiryContactResponse,
  AdminInquiryReplyRequest,
  AdminInquiryReplyResponse,
  AdminFaqCreateRequest,
  AdminFaqEntry,
  AdminFaqListResponse,
  AdminFaqUpdateRequest,
  AdminFeedbackResponse,
  AdminImportResponse,
  AdminOverviewResponse,
  AdminPublishResponse,
  AdminReportFile,
  AdminReportPreviewResponse,
  AdminReportsResponse,
  AdminSiteDataResponse,
  AdminSiteSettingsRequest,
  AdminTestResponse,
  AdminUnansweredResponse,
} from '../../server/contract.js';

/**
 * A request the staff API refused or that never reached it. `status` 0 means no answer (`code` `network` or
 * `timeout`); otherwise `code` is the API's error code (`unauthorized`, `version_conflict`, `invalid_faq`, …).
 */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For `invalid_faq`: what is wrong with each field. */
    readonly fields: Record<string, string> = {},
    /** For `version_conflict`: the entry as it is now. */
    readonly current: AdminFaqEntry | null = null,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

/** A file the server sent to save: its bytes and the name to save it under (from Content-Disposition). */
export interface Download {
  blob: Blob;
  contentDisposition: string | null;
}

/** The staff API as the console uses it. Every call rejects with {@link AdminApiError}. */
export interface AdminApi {
  /** Checks the token (a cheap authenticated request); rejects with 401 `unauthorized` when it is wrong. */
  verify(): Promise<void>;
  overview(query: { days: number; tz: number; top?: number }): Promise<AdminOverviewResponse>;
  listFaq(): Promise<AdminFaqEntry[]>;
  getFaq(id: number): Promise<AdminFaqEntry>;
  createFaq(entry: AdminFaqCreateRequest): Promise<AdminFaqEntry>;
  updateFaq(id: number, change: AdminFaqUpdateRequest): Promise<AdminFaqEntry>;
  /** Deletes the entry if it still has `version` (409 `version_conflict` otherwise). */
  deleteFaq(id: number, version: number): Promise<void>;
  importFaq(file: Blob, format: 'csv' | 'json'): Promise<AdminImportResponse>;
  exportFaq(format: 'csv' | 'json'): Promise<Download>;
  /** One page of the unanswered list: `limit` groups (default 50, at most 100) from `offset` (default 0). */
  unanswered(query: { days: number; sort: 'count' | 'recent'; resolved: boolean; limit?: number; offset?: number }): Promise<AdminUnansweredResponse>;
  feedback(query: { helpful: boolean | null; limit?: number }): Promise<AdminFeedbackResponse>;
  audit(query: { faqId: number | null; limit?: number }): Promise<AdminAuditResponse>;
  hitTest(question: string): Promise<AdminTestResponse>;
  reports(): Promise<AdminReportsResponse>;
  previewReports(files: AdminReportFile[]): Promise<AdminReportPreviewResponse>;
  /** Publishes (ingests and rebuilds the index); resolves when the new index serves. */
  publishReports(files: AdminReportFile[], replace: boolean): Promise<AdminPublishResponse>;
  removeReport(slug: string): Promise<AdminPublishResponse>;
  /** The site data: aliases, synonyms, site settings, the corpus's agencies and the last changes. */
  siteData(): Promise<AdminSiteDataResponse>;
  /** Saves the whole aliases or synonyms file; resolves with the state after it. */
  saveSiteText(kind: 'aliases' | 'synonyms', text: string): Promise<AdminSiteDataResponse>;
  saveSiteSettings(settings: AdminSiteSettingsRequest): Promise<AdminSiteDataResponse>;
  /** Puts the shipped file back in effect. */
  resetSiteData(kind: 'aliases' | 'synonyms' | 'site'): Promise<AdminSiteDataResponse>;
  inquiries(query: { status: 'open' | 'replied' | 'all'; tz: number; limit?: number }): Promise<AdminInquiriesResponse>;
  /** Shows an inquiry's contact data; the server records who looked. */
  inquiryContact(id: number): Promise<AdminInquiryContactResponse>;
  replyInquiry(id: number, request: AdminInquiryReplyRequest): Promise<AdminInquiryReplyResponse>;
  calendar(): Promise<AdminCalendar>;
  saveCalendar(calendar: AdminCalendar): Promise<AdminCalendar>;
}

/** What {@link createAdminApi} needs. */
export interface AdminApiOptions {
  /** The staff token (ADMIN_TOKEN), sent as `Authorization: Bearer <token>`. */
  token: string;
  /** Who is working, for the audit log (`X-Staff-Name`); optional. */
  staffName?: string;
  /** Called before a 401 is thrown (the token is wrong or was changed): the console returns to the sign-in. */
  onUnauthorized?: (error: AdminApiError) => void;
  /** Default: the page's `fetch`. */
  fetch?: typeof fetch;
  /** Milliseconds before an ordinary request is abandoned. Default 30 000; publishing waits as long as it takes. */
  timeoutMs?: number;
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** `path?name=value&…` for the query values that are set. */
export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    params.set(name, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Reads an error answer: the API's `{error: {code, message, fields?}, current?}`, or the bare status. */
export async function readApiError(response: Response): Promise<AdminApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page): the status is all there is.
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
  const current = (body as { current?: unknown } | null)?.current;
  const fields: Record<string, string> = {};
  if (error?.fields && typeof error.fields === 'object') {
    for (const [name, value] of Object.entries(error.fields as Record<string, unknown>)) {
      if (typeof value === 'string') fields[name] = value;
    }
  }
  return new AdminApiError(
    response.status,
    typeof error?.code === 'string' ? error.code : `http_${response.status}`,
    typeof error?.message === 'string' ? error.message : `the server answered ${response.status}`,
    fields,
    current && typeof current === 'object' ? (current as AdminFaqEntry) : null,
  );
}

/** Creates the client. Requests go to the console's own origin; no cookies are sent (the token is the session). */
export function createAdminApi(options: AdminApiOptions): AdminApi {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function send(
    path: string,
    init: { method?: string; json?: unknown; body?: Blob; contentType?: string; wait?: boolean } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `Bearer ${options.token}`, Accept: 'application/json' };
    // The audit log names who changed an entry; the header is URL-encoded so 王芳 survives HTTP.
    if (options.staffName) headers['X-Staff-Name'] = encodeURIComponent(options.staffName);
    let body: BodyInit | null = null;
    if (init.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.body) {
      headers['Content-Type'] = init.contentType ?? 'application/octet-stream';
      body = init.body;
    }
    const controller = new AbortController();
    let timedOut = false;
    const timer = init.wait
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs);
    let response: Response;
    try {
      response = await doFetch(path, { method: init.method ?? 'GET', headers, body, credentials: 'omit', cache: 'no-store', signal: controller.signal });
    } catch {
      throw timedOut
        ? new AdminApiError(0, 'timeout', 'the server did not answer in time')
        : new AdminApiError(0, 'network', 'the server could not be reached');
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) {
      const error = await readApiError(response);
      if (response.status === 401) options.onUnauthorized?.(error);
      throw error;
    }
    return response;
  }

  async function json<T>(path: string, init?: Parameters<typeof send>[1]): Promise<T> {
    const response = await send(path, init);
    try {
      return (await response.json()) as T;
    } catch {
      throw new AdminApiError(response.status, 'invalid_response', 'the server sent an answer that is not JSON');
    }
  }

  return {
    async verify() {
      await json<AdminOverviewResponse>(withQuery('/api/admin/overview', { days: 1, top: 1 }));
    },
    overview: ({ days, tz, top = 10 }) => json(withQuery('/api/admin/overview', { days, tz, top })),
    listFaq: async () => (await json<AdminFaqListResponse>('/api/admin/faq')).entries,
    getFaq: (id) => json(`/api/admin/faq/${id}`),
    createFaq: (entry) => json('/api/admin/faq', { method: 'POST', json: entry }),
    updateFaq: (id, change) => json(`/api/admin/faq/${id}`, { method: 'PUT', json: change }),
    async deleteFaq(id, version) {
      await send(withQuery(`/api/admin/faq/${id}`, { version }), { method: 'DELETE' });
    },
    importFaq: (file, format) =>
      json('/api/admin/faq/import', {
        method: 'POST',
        body: file,
        contentType: format === 'json' ? 'application/json' : 'text/csv; charset=utf-8',
      }),
    async exportFaq(format) {
      const response = await send(withQuery('/api/admin/faq/export', { format }));
      return { blob: await response.blob(), contentDisposition: response.headers.get('content-disposition') };
    },
    unanswered: ({ days, sort, resolved, limit = 50, offset = 0 }) => json(withQuery('/api/admin/unanswered', { days, sort, resolved, limit, offset })),
    feedback: ({ helpful, limit = 200 }) => json(withQuery('/api/admin/feedback', { helpful, limit })),
    audit: ({ faqId, limit = 200 }) => json(withQuery('/api/admin/audit', { faqId, limit })),
    hitTest: (question) => json('/api/admin/test', { method: 'POST', json: { question } }),
    reports: () => json('/api/admin/reports'),
    previewReports: (files) => json('/api/admin/reports/preview', { method: 'POST', json: { files }, wait: true }),
    publishReports: (files, replace) => json('/api/admin/reports', { method: 'POST', json: { files, replace }, wait: true }),
    removeReport: (slug) => json(`/api/admin/reports/${encodeURIComponent(slug)}`, { method: 'DELETE', wait: true }),
    siteData: () => json('/api/admin/settings'),
    saveSiteText: (kind, text) => json(`/api/admin/settings/${kind}`, { method: 'PUT', json: { text } }),
    saveSiteSettings: (settings) => json('/api/admin/settings/site', { method: 'PUT', json: settings }),
    resetSiteData: (kind) => json(`/api/admin/settings/${kind}`, { method: 'DELETE' }),
    inquiries: ({ status, tz, limit = 100 }) => json(withQuery('/api/admin/inquiries', { status, tz, limit })),
    inquiryContact: (id) => json(`/api/admin/inquiries/${id}/contact`, { method: 'POST' }),
    replyInquiry: (id, request) => json(`/api/admin/inquiries/${id}/reply`, { method: 'POST', json: request }),
    calendar: () => json('/api/admin/calendar'),
    saveCalendar: (calendar) => json('/api/admin/calendar', { method: 'PUT', json: calendar }),
  };
}
