// Owns the staff API for publishing reports (/api/admin/reports): list, preview, publish, replace, remove. The work
// is done by a ReportPublisher the runtime provides (Node); without one (Workers) the routes explain how to deploy.
import type { Hono } from 'hono';
import type {
  AdminPublishResponse,
  AdminReport,
  AdminReportFile,
  AdminReportPreview,
  AdminReportPreviewResponse,
  AdminReportsResponse,
  AdminPublishStatus,
} from '../contract.js';
import type { MetaOverrides } from '../core/document.js';
import type { SearchIndex } from '../core/search-index.js';
import type { AppDeps } from './app.js';
import { safeHttpUrl } from '../core/url.js';
import { ApiError } from './errors.js';
import { readJsonObject } from './validate.js';

/** A file to publish, decoded. */
export interface ReportUpload {
  name: string;
  bytes: Uint8Array;
  meta?: MetaOverrides;
}

/** What a publish or removal did. */
export type PublishOutcome =
  | ({ ok: true } & AdminPublishResponse)
  | { ok: false; status: 400 | 404 | 409 | 422; code: string; error: string };

/** The staff operations on reports; Node implements it (server/runtime/report-publisher.ts). */
export interface ReportPublisher {
  list(): Promise<AdminReport[]>;
  preview(uploads: ReportUpload[]): Promise<AdminReportPreview[]>;
  publish(uploads: ReportUpload[], options: { replace: boolean }): Promise<PublishOutcome>;
  remove(slug: string): Promise<PublishOutcome>;
  status(): AdminPublishStatus;
}

/** The reports an index holds, as the console lists them (`addedAt` is left to whoever knows the files). */
export function reportsOf(index: SearchIndex): AdminReport[] {
  const sentences = new Array<number>(index.documents.length).fill(0);
  for (const p of index.passages) if (p.kind === 'sentence') sentences[p.doc]!++;
  return index.documents.map((d, i) => ({
    slug: d.slug,
    file: d.file,
    title: d.title,
    date: d.date,
    issuer: d.issuer,
    url: d.url,
    year: d.year,
    passages: sentences[i]!,
    addedAt: null,
  }));
}

/** Largest body of an upload request: five files of 5 MiB, base64-encoded, with room for JSON. */
export const MAX_UPLOAD_BODY_BYTES = 34 * 1024 * 1024;

/** What staff read on Workers instead of an upload form. */
export const WORKERS_PUBLISH_NOTE =
  'On Cloudflare Workers the index cannot be rebuilt (segmentation with nodejieba runs on Node). To publish a report, ' +
  'add it to corpus/reports/ and run `npm run build:index && npm run deploy` (or let CI do it), or publish from a Node ' +
  'server; the edge serves the new index after the deploy.';

function decodeBase64(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/=\s]*$/.test(text)) throw new Error('not base64');
  const binary = atob(text.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function readUploads(body: Record<string, unknown>): ReportUpload[] {
  const files = body.files;
  if (!Array.isArray(files) || files.length === 0) throw new ApiError(400, 'no_files', '"files" must list at least one file');
  if (files.length > 5) throw new ApiError(400, 'too_many_files', 'publish at most 5 files at a time');
  return files.map((raw, i) => {
    const file = raw as Partial<AdminReportFile> | null;
    if (!file || typeof file !== 'object' || typeof file.name !== 'string' || typeof file.content !== 'string') {
      throw new ApiError(400, 'invalid_file', `files[${i}] needs "name" and base64 "content" strings`);
    }
    let bytes: Uint8Array;
    try {
      bytes = decodeBase64(file.content);
    } catch {
      throw new ApiError(400, 'invalid_file', `files[${i}] ("${file.name}"): "content" is not base64`);
    }
    const meta: MetaOverrides = {};
    const m = (file.meta ?? {}) as Record<string, unknown>;
    for (const key of ['title', 'date', 'issuer', 'url'] as const) {
      const value = m[key];
      if (value === undefined || value === null || value === '') continue;
      if (typeof value !== 'string' || value.length > 300) throw new ApiError(400, 'invalid_meta', `files[${i}].meta.${key} must be a short string`);
      meta[key] = value.trim();
    }
    if (meta.date && !/^\d{4}-\d{2}-\d{2}$/.test(meta.date)) throw new ApiError(400, 'invalid_meta', `files[${i}].meta.date must be YYYY-MM-DD`);
    if (meta.url) {
      const url = safeHttpUrl(meta.url);
      if (!url) throw new ApiError(400, 'invalid_meta', `files[${i}].meta.url must be an http(s) address`);
      meta.url = url;
    }
    return { name: file.name, bytes, meta };
  });
}

function outcome(result: PublishOutcome, okStatus: 200 | 201) {
  if (!result.ok) throw new ApiError(result.status, result.code, result.error);
  const body: AdminPublishResponse = { documents: result.documents, passages: result.passages, ms: result.ms };
  return [body, okStatus] as const;
}

/**
 * The report routes. Register after the staff API's extension, whose guard covers every /api/admin/* route.
 *
 * @param publisher - null on runtimes that cannot rebuild the index (Workers): listing works, changes answer 501.
 */
export function reportRoutes(publisher: ReportPublisher | null) {
  return (app: Hono, deps: AppDeps): void => {
    const unsupported = () => {
      throw new ApiError(501, 'not_supported_on_workers', WORKERS_PUBLISH_NOTE);
    };

    app.get('/api/admin/reports', async (c) => {
      const reports: AdminReport[] = publisher ? await publisher.list() : reportsOf(deps.engine.index);
      const body: AdminReportsResponse = {
        runtime: deps.runtime,
        canPublish: publisher !== null,
        note: publisher ? null : WORKERS_PUBLISH_NOTE,
        reports,
        status: publisher ? publisher.status() : null,
      };
      return c.json(body);
    });

    app.post('/api/admin/reports/preview', async (c) => {
      if (!publisher) return unsupported();
      const previews = await publisher.preview(readUploads(await readJsonObject(c, MAX_UPLOAD_BODY_BYTES)));
      // The page's own source URL (front matter, meta tags) is shown, and offered for publishing, only when http(s).
      const body: AdminReportPreviewResponse = {
        previews: previews.map((p) => (p.ok ? { ...p, meta: { ...p.meta, url: safeHttpUrl(p.meta.url) } } : p)),
      };
      return c.json(body);
    });

    app.post('/api/admin/reports', async (c) => {
      if (!publisher) return unsupported();
      const request = await readJsonObject(c, MAX_UPLOAD_BODY_BYTES);
      if (request.replace !== undefined && typeof request.replace !== 'boolean') {
        throw new ApiError(400, 'invalid_body', '"replace" must be true or false');
      }
      const [body, status] = outcome(await publisher.publish(readUploads(request), { replace: request.replace === true }), 201);
      return c.json(body, status);
    });

    app.delete('/api/admin/reports/:slug', async (c) => {
      if (!publisher) return unsupported();
      const [body, status] = outcome(await publisher.remove(c.req.param('slug')), 200);
      return c.json(body, status);
    });
  };
}
