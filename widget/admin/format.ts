// Owns how the console writes times, shares, scores and download names for staff; pure functions, imports nothing.

const pad = (n: number) => String(n).padStart(2, '0');

/** The browser's offset from UTC in minutes east (China: 480), as `GET /api/admin/overview?tz=` expects. */
export function localOffsetMinutes(at: Date = new Date()): number {
  return -at.getTimezoneOffset();
}

/**
 * Writes an ISO time as `YYYY-MM-DD HH:mm` in a time zone `offsetMinutes` east of UTC (default: the browser's at
 * that moment). Unreadable or missing times give `—`.
 */
export function formatDateTime(iso: string | null | undefined, offsetMinutes?: number): string {
  if (!iso) return '—';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '—';
  const offset = offsetMinutes ?? localOffsetMinutes(new Date(time));
  const d = new Date(time + offset * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** A day `YYYY-MM-DD` as a short axis label `M月D日`; anything else is returned as it is. */
export function formatDayLabel(day: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${Number(m[1])}月${Number(m[2])}日` : day;
}

/** A share 0–1 as a percentage with at most `digits` decimals (`0.125` → `12.5%`, `0.5` → `50%`); null → `—`. */
export function formatPercent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const value = Math.round(share * 100 * 10 ** digits) / 10 ** digits;
  return `${value}%`;
}

/** A score with three decimals (`0.5` → `0.500`). */
export function formatScore(score: number): string {
  return Number.isFinite(score) ? score.toFixed(3) : '—';
}

/** A count with thousands separators (`25000` → `25,000`). */
export function formatCount(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Milliseconds as staff read them: `850 毫秒`, `3.2 秒`, `2 分 5 秒`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} 毫秒`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} 秒`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} 分 ${whole % 60} 秒`;
}

/** A byte count as `512 字节`, `12.5 KB`, `3.2 MB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
}

/** Characters a saved file name must not contain on Windows, macOS or Linux. */
const UNSAFE_FILE_CHARS = /[\\/:*?"<>|\u0000-\u001f]/g;

/**
 * The name to save an FAQ export under: the server's `Content-Disposition` file name when it gives a usable one,
 * else `faq-YYYYMMDD.csv|json` for the day of `now` in the staff's time zone. Never contains a path separator.
 */
export function exportFileName(
  contentDisposition: string | null,
  format: 'csv' | 'json',
  now: Date = new Date(),
  offsetMinutes: number = localOffsetMinutes(now),
): string {
  let name: string | null = null;
  if (contentDisposition) {
    const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(contentDisposition);
    const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/.exec(contentDisposition);
    try {
      name = star ? decodeURIComponent(star[1]!.trim()) : plain ? (plain[1] ?? plain[2] ?? null) : null;
    } catch {
      name = plain ? (plain[1] ?? plain[2] ?? null) : null;
    }
  }
  const cleaned = name?.replace(UNSAFE_FILE_CHARS, '').replace(/^\.+/, '').trim();
  if (cleaned && cleaned.toLowerCase().endsWith(`.${format}`)) return cleaned;
  const local = new Date(now.getTime() + offsetMinutes * 60_000);
  return `faq-${local.getUTCFullYear()}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}.${format}`;
}

/** Text cut to `max` characters (by code point) with `…`. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * The link target for a URL the server sends (a report's source address): the URL when it is absolute http(s),
 * otherwise null, to show it as text. The server accepts only such URLs; this keeps the console safe with an index
 * built before it did.
 */
export function externalHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
