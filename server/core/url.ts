// Owns the one rule for URLs that enter from outside (report metadata: sidecars, front matter, meta tags, the
// console's form; FAQ links): absolute http(s) only, so `javascript:`, `data:` and the like never become a link;
// runtime-neutral, imports nothing.

/** Why a URL was refused. */
export type UrlProblem = 'not_absolute' | 'scheme' | 'credentials' | 'spaces';

/**
 * Checks a URL from outside: an absolute `http:` or `https:` URL without white space, control characters or a user
 * name/password. Gives the normalized form (`new URL(...).href`) or the problem.
 */
export function checkHttpUrl(text: string): { ok: true; url: string } | { ok: false; problem: UrlProblem } {
  const trimmed = text.trim();
  // WHATWG parsing drops tabs and newlines inside a URL (`java\tscript:` is `javascript:`): refuse them outright.
  if (/[\s\u0000-\u001f\u007f]/.test(trimmed)) return { ok: false, problem: 'spaces' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, problem: 'not_absolute' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: 'scheme' };
  if (url.username || url.password) return { ok: false, problem: 'credentials' };
  return { ok: true, url: url.href };
}

/** The URL normalized when {@link checkHttpUrl} accepts it, otherwise null (for values that are dropped, not refused). */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const checked = checkHttpUrl(value);
  return checked.ok ? checked.url : null;
}
