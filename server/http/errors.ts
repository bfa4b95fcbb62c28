// Owns the API's error shape: `{"error": {"code", "message"}}` with the right status; imports only hono types.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorResponse } from '../contract.js';

/** An error the client can act on: a 4xx with a stable code and a message a webmaster understands. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Writes an error response. */
export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string): Response {
  const body: ErrorResponse = { error: { code, message } };
  return c.json(body, status);
}
