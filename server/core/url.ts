// Owns accepting URLs that enter from pages, sidecars and staff input: only http(s); pure, no runtime imports.

/** The URL when it is an absolute http(s) URL, else null (`javascript:`, `data:`, relative paths are refused). */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? trimmed : null;
  } catch {
    return null;
  }
}
