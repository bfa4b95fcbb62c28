// Owns request validation for the JSON API: body size, content type, JSON shape, question text; imports hono types.
import type { Context } from 'hono';
import { toWellFormed } from '../core/normalize.js';
import { ApiError } from './errors.js';

/** Largest request body the API reads, in bytes. Larger requests get 413. */
export const MAX_BODY_BYTES = 16 * 1024;
/** Longest question, in characters (code points). Longer ones get 400: citizens' questions are a line or two. */
export const MAX_QUESTION_CHARS = 200;

/**
 * Reads a JSON object body: 415 unless the content type is JSON, 413 above {@link MAX_BODY_BYTES}, 400 for a body
 * that is not JSON or not an object.
 */
export async function readJsonObject(c: Context, maxBytes = MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new ApiError(415, 'unsupported_media_type', 'send the request body as JSON with Content-Type: application/json');
  }
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const buffer = await c.req.arrayBuffer();
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

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'payload_too_large', `the request body is larger than ${maxBytes / 1024} KiB`);
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
