// Owns request validation for the JSON API: body size, content type, JSON shape, question text; imports hono.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { toWellFormed } from '../core/normalize.js';
import { ApiError, errorResponse } from './errors.js';

/** Largest request body the API reads, in bytes. Larger requests get 413. */
export const MAX_BODY_BYTES = 16 * 1024;
/** Longest question, in characters (code points). Longer ones get 400: citizens' questions are a line or two. */
export const MAX_QUESTION_CHARS = 200;

/** A size in bytes as people read it: `16 KiB`, `2 MiB`. */
export function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/**
 * Middleware that refuses a request body above `maxBytes` with a 413 JSON error (`advice` ends its message), counting bytes as they stream in
 * (a chunked body has no Content-Length to check first) and reading no further than the limit.
 *
 * @remarks Hono's `bodyLimit` does the counting: a declared Content-Length above the limit is refused before any
 * byte is read; a body without one is read chunk by chunk and refused at the first chunk past the limit, so at most
 * `maxBytes` are ever held. What is left of the body is the runtime's: `@hono/node-server` (1.19) reads and discards
 * at most 64 MiB or 500 ms of it after the answer, so the client sees the 413 before the socket closes (a close with
 * unread data resets the connection and the answer is lost), and then closes the socket.
 * Register it after the checks that need no body (rate limit, staff token), so a refused client costs nothing.
 */
export function limitBody(maxBytes: number, advice = ''): MiddlewareHandler {
  const message = `the request body is larger than ${describeBytes(maxBytes)}${advice ? `: ${advice}` : ''}`;
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => errorResponse(c, 413, 'payload_too_large', message),
  });
}

/**
 * A runtime's own way to read a request body without building the web `Request` around it (on Node that
 * construction, with its stream and abort signal, costs more than answering a question: BENCHMARKS.md).
 */
export interface BodyReader {
  /** Whether this request's body can be read here (Node: the request came through the Node server). */
  accepts(c: Context): boolean;
  /**
   * The whole body, never holding more than `maxBytes`: a longer one is refused with the 413 {@link ApiError}
   * (the rest left to the server to discard); a client that hangs up mid-body gets a 400.
   */
  read(c: Context, maxBytes: number): Promise<Uint8Array>;
}

/**
 * {@link limitBody} for a route whose body is read by {@link readJsonObject} with `reader`: when the runtime's
 * reader takes the request, the limit is counted there (Hono's `bodyLimit` would build the web `Request` first).
 */
export function limitJsonBody(maxBytes: number, reader: BodyReader | undefined): MiddlewareHandler {
  const limited = limitBody(maxBytes);
  return (c, next) => (reader?.accepts(c) ? next() : limited(c, next));
}

/**
 * Reads a JSON object body: 415 unless the content type is JSON, 413 above {@link MAX_BODY_BYTES}, 400 for a body
 * that is not JSON or not an object.
 *
 * @remarks The size check here is a second line: routes are wrapped in {@link limitBody}, which stops reading at the
 * limit; `arrayBuffer()` alone would buffer a chunked body whole before its size is known. With a runtime's
 * `reader` that accepts the request (routes wrapped in {@link limitJsonBody}), the reader counts and stops instead.
 */
export async function readJsonObject(c: Context, maxBytes = MAX_BODY_BYTES, reader?: BodyReader): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new ApiError(415, 'unsupported_media_type', 'send the request body as JSON with Content-Type: application/json');
  }
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const buffer = reader?.accepts(c) ? await reader.read(c, maxBytes) : await c.req.arrayBuffer();
  if (buffer.byteLength > maxBytes) throw tooLarge(maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new ApiError(400, 'invalid_encoding', 'the request body is not valid UTF-8 text');
  }
  if (!text.trim()) throw new ApiError(400, 'empty_body', 'the request body is empty: send a JSON object');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'the request body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError(400, 'invalid_body', 'the request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** The 413 error of a body above `maxBytes`. */
export function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'payload_too_large', `the request body is larger than ${describeBytes(maxBytes)}`);
}

/**
 * Checks a question: a non-empty string of at most {@link MAX_QUESTION_CHARS} characters. Lone surrogates are
 * replaced, so later stages only see well-formed text.
 *
 * @param field - name used in messages (`question` in JSON, `q` in the query string).
 */
export function validateQuestion(value: unknown, field = 'question'): string {
  if (value === undefined || value === null) {
    throw new ApiError(400, 'missing_question', `"${field}" is required: the citizen's question as a string`);
  }
  if (typeof value !== 'string') throw new ApiError(400, 'invalid_question', `"${field}" must be a string`);
  const question = toWellFormed(value).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').trim();
  if (!question) throw new ApiError(400, 'empty_question', `"${field}" is empty: type a question`);
  if (Array.from(question).length > MAX_QUESTION_CHARS) {
    throw new ApiError(400, 'question_too_long', `"${field}" is longer than ${MAX_QUESTION_CHARS} characters: ask one short question`);
  }
  return question;
}

/** Longest `report` (a slug or a page URL), in characters. */
export const MAX_REPORT_CHARS = 2000;

/**
 * Checks the optional `report` of an ask: the report's slug or the URL of the page the question is asked on.
 *
 * @returns the trimmed string, or undefined when absent or empty.
 */
export function validateReport(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ApiError(400, 'invalid_report', '"report" must be a string: the report\'s slug or the page URL');
  const report = toWellFormed(value).trim();
  if (Array.from(report).length > MAX_REPORT_CHARS) {
    throw new ApiError(400, 'report_too_long', `"report" is longer than ${MAX_REPORT_CHARS} characters`);
  }
  return report || undefined;
}

/**
 * Checks that a request URL's path is well-formed percent-encoding (`/%ZZ`, `/admin/%E0%A4%A` are not): 400 otherwise,
 * before any route or file lookup tries to decode it.
 */
export function validatePath(url: string): void {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const end = url.search(/[?#]/);
  const path = start === -1 ? '/' : url.slice(start, end === -1 ? undefined : end);
  try {
    decodeURIComponent(path);
  } catch {
    throw new ApiError(400, 'invalid_path', 'the address has a malformed %-escape: encode "%" as %25 and characters as UTF-8');
  }
}
