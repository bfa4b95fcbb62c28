// Owns reading configuration from an environment (process.env on Node, bindings on Workers) in one place;
// runtime-neutral, imports nothing.

/** The robot's configuration. Every field comes from an environment variable of the same name in capitals. */
export interface Config {
  /** `PORT`: TCP port of the Node server. Default 8787. */
  port: number;
  /** `HOST`: address the Node server listens on. Default 127.0.0.1 (loopback only). */
  host: string;
  /** `CORPUS_DIR`: folder with `reports/`, `dict/`, `synonyms.txt`, `site.json`. Default `./corpus`. */
  corpusDir: string;
  /** `DATA_DIR`: folder for the SQLite database and built artifacts' cache. Default `./data`. */
  dataDir: string;
  /** `INDEX_DIR`: folder of the built index and dictionary. Default `./dist/index`. */
  indexDir: string;
  /** `ADMIN_TOKEN`: bearer token of the staff API; Node generates and prints one when unset. */
  adminToken: string | null;
  /** `ALLOWED_ORIGINS`: comma-separated origins allowed to call the public API from browsers; `*` (default) = any. */
  allowedOrigins: string[] | '*';
  /** `RATE_LIMIT_PER_MINUTE`: requests per client per minute on the public API. Default 60; 0 disables. */
  rateLimitPerMinute: number;
  /** `LOG_LEVEL`: debug, info, warn, error or silent. Default info. */
  logLevel: LogLevel;
  /** `LOG_RETENTION_DAYS`: days the question log and feedback are kept. Default 180. */
  logRetentionDays: number;
  /** `INQUIRY_DEADLINE_DAYS`: working days staff have to reply to a 留言 (inquiry). Default 3. */
  inquiryDeadlineDays: number;
  /** `INQUIRY_CONTACT_RETENTION_DAYS`: days an inquiry's contact data is kept after the reply. Default 30. */
  inquiryContactRetentionDays: number;
  /**
   * `INQUIRY_CONTACT_UNREPLIED_DAYS`: days the contact data of an inquiry never replied is kept, counted from when it
   * was received. Default 180.
   */
  inquiryContactUnrepliedDays: number;
  /** `BUILD_ON_START`: rebuild a missing or stale index at start-up (Node). Default true; `0` refuses to start instead. */
  buildOnStart: boolean;
  /** `TRUST_PROXY`: take the client address from X-Forwarded-For / CF-Connecting-IP. Default false. */
  trustProxy: boolean;
  /** `PARSE_TIMEOUT_MS`: longest time reading one report may take in a preview, a publish or its build (Node). Default 10000. */
  parseTimeoutMs: number;
  /**
   * `TRUST_PROXY` as a count: how many proxies of your own stand in front of the server (`1`/`true` = one, `N` = N,
   * `0`/`false` = none, the default). The client address is the N-th `X-Forwarded-For` entry from the right: the one
   * the outermost trusted proxy appended; entries further left are written by the client and never used.
   */
  trustProxyHops: number;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Raised for a configuration value that cannot be used; the message names the variable and what it accepts. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be 1/true/yes/on or 0/false/no/off, got ${JSON.stringify(raw)}`);
}

/** `TRUST_PROXY`: a flag (one proxy) or a whole number of proxies. */
function proxyHops(env: Env): number {
  const raw = env.TRUST_PROXY?.trim().toLowerCase();
  if (raw !== undefined && /^\d+$/.test(raw)) return integer(env, 'TRUST_PROXY', 0, 0, 10);
  try {
    return flag(env, 'TRUST_PROXY', false) ? 1 : 0;
  } catch {
    throw new ConfigError(`TRUST_PROXY must be 0/false, 1/true, or the number of proxies in front of the server (up to 10), got ${JSON.stringify(env.TRUST_PROXY)}`);
  }
}

/**
 * Reads the configuration from an environment.
 *
 * @throws ConfigError naming the variable when a value is malformed (a typo should stop start-up, not be ignored).
 */
export function readConfig(env: Env): Config {
  const origins = env.ALLOWED_ORIGINS?.trim();
  let allowedOrigins: Config['allowedOrigins'] = '*';
  if (origins && origins !== '*') {
    allowedOrigins = origins.split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean);
    for (const origin of allowedOrigins) {
      if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
        throw new ConfigError(`ALLOWED_ORIGINS entries must look like https://www.example.gov.cn, got ${JSON.stringify(origin)}`);
      }
    }
  }
  const level = (env.LOG_LEVEL?.trim().toLowerCase() || 'info') as LogLevel;
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(level)) {
    throw new ConfigError(`LOG_LEVEL must be debug, info, warn, error or silent, got ${JSON.stringify(env.LOG_LEVEL)}`);
  }
  const token = env.ADMIN_TOKEN?.trim() || null;
  if (token !== null && token.length < 16) {
    throw new ConfigError('ADMIN_TOKEN must be at least 16 characters (use a long random value)');
  }
  return {
    port: integer(env, 'PORT', 8787, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    corpusDir: env.CORPUS_DIR?.trim() || './corpus',
    dataDir: env.DATA_DIR?.trim() || './data',
    indexDir: env.INDEX_DIR?.trim() || './dist/index',
    adminToken: token,
    allowedOrigins,
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 60, 0, 1_000_000),
    logLevel: level,
    logRetentionDays: integer(env, 'LOG_RETENTION_DAYS', 180, 1, 3650),
    inquiryDeadlineDays: integer(env, 'INQUIRY_DEADLINE_DAYS', 3, 1, 60),
    inquiryContactRetentionDays: integer(env, 'INQUIRY_CONTACT_RETENTION_DAYS', 30, 0, 3650),
    inquiryContactUnrepliedDays: integer(env, 'INQUIRY_CONTACT_UNREPLIED_DAYS', 180, 1, 3650),
    buildOnStart: flag(env, 'BUILD_ON_START', true),
    trustProxy: proxyHops(env) > 0,
    trustProxyHops: proxyHops(env),
    parseTimeoutMs: integer(env, 'PARSE_TIMEOUT_MS', 10_000, 10, 3_600_000),
  };
}
