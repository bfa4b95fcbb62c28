// Owns turning the embed tag's data- attributes into a WidgetConfig, each with an explicit default; pure (no DOM,
// no network), imports only the strings.
import { STRINGS } from './strings.zh-CN.js';

/** Which corner the launcher sits in. */
export type WidgetPosition = 'right' | 'left';

/** Everything the widget needs to know about its embed, read once from the script tag. */
export interface WidgetConfig {
  /**
   * `data-endpoint`: base URL of the robot's API, without a trailing slash (`/api/ask` is appended).
   * Default: the origin of the `widget.js` script itself.
   */
  endpoint: string;
  /** `data-title`: name shown on the launcher and the panel. Default 智能问答机器人. */
  title: string;
  /** `data-position`: `right` or `left` bottom corner. Default `right`. */
  position: WidgetPosition;
  /** `data-open`: open the panel when the page loads (`data-open`, `data-open="true"`). Default false. */
  open: boolean;
  /** `data-welcome`: the robot's first line. Default {@link STRINGS.defaultWelcome}. */
  welcome: string;
  /** `data-color`: theme colour as `#rgb` or `#rrggbb`, normalised to lower-case `#rrggbb`. Default `#1565c0`. */
  color: string;
  /** `data-z-index`: stacking order of the launcher and panel, an integer 0…2147483647. Default 2147483000. */
  zIndex: number;
  /** The report (slug or page URL) questions are about: `data-report`, else the page the widget is on. */
  report: string;
}

/** The data- attributes as the script element's `dataset` exposes them (camelCase keys). */
export type EmbedAttributes = Partial<Record<'endpoint' | 'title' | 'position' | 'open' | 'welcome' | 'color' | 'zIndex' | 'report', string>>;

/** Defaults of every attribute except `endpoint`, whose default depends on where the script was loaded from. */
export const DEFAULT_CONFIG: Omit<WidgetConfig, 'endpoint' | 'report'> = {
  title: STRINGS.defaultTitle,
  position: 'right',
  open: false,
  welcome: STRINGS.defaultWelcome,
  color: '#1565c0',
  zIndex: 2147483000,
};

const MAX_Z_INDEX = 2147483647;

/** Strips query, fragment and trailing slashes; null unless the URL is http(s). */
function baseUrl(raw: string, base: string): string | null {
  try {
    const url = new URL(raw, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return (url.origin + url.pathname).replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/** Expands `#rgb` to `#rrggbb`, lower-cased; null for anything else. */
export function normalizeHexColor(value: string): string | null {
  const hex = value.trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(hex)) return hex;
  if (/^#[0-9a-f]{3}$/.test(hex)) return '#' + [...hex.slice(1)].map((c) => c + c).join('');
  return null;
}

/**
 * Reads the embed's attributes. Never throws: a malformed value falls back to its default and adds a warning that
 * names the attribute and what it accepts (the embed logs them with `console.warn`).
 *
 * @param attributes - the script element's `dataset`.
 * @param scriptSrc - the script's `src` (its origin is the default endpoint); null when unknown.
 * @param pageUrl - the host page's URL, against which relative URLs resolve.
 */
export function readWidgetConfig(
  attributes: EmbedAttributes,
  scriptSrc: string | null,
  pageUrl: string,
): { config: WidgetConfig; warnings: string[] } {
  const warnings: string[] = [];
  const given = (name: keyof EmbedAttributes) => {
    const value = attributes[name];
    return value === undefined ? undefined : value.trim();
  };

  const scriptOrigin = scriptSrc ? baseUrl(scriptSrc, pageUrl) : null;
  let endpoint = scriptOrigin ? new URL(scriptOrigin).origin : new URL(pageUrl).origin;
  const endpointAttr = given('endpoint');
  if (endpointAttr) {
    const parsed = baseUrl(endpointAttr, pageUrl);
    if (parsed) endpoint = parsed;
    else warnings.push(`data-endpoint must be an http(s) URL such as https://robot.example.gov.cn; using ${endpoint}`);
  }

  const title = given('title') || DEFAULT_CONFIG.title;
  const welcome = given('welcome') || DEFAULT_CONFIG.welcome;

  let position = DEFAULT_CONFIG.position;
  const positionAttr = given('position')?.toLowerCase();
  if (positionAttr === 'left' || positionAttr === 'right') position = positionAttr;
  else if (positionAttr) warnings.push(`data-position must be "right" or "left"; using "${position}"`);

  const openAttr = given('open')?.toLowerCase();
  const open = openAttr !== undefined && !['false', '0', 'no', 'off'].includes(openAttr);

  let color = DEFAULT_CONFIG.color;
  const colorAttr = given('color');
  if (colorAttr) {
    const parsed = normalizeHexColor(colorAttr);
    if (parsed) color = parsed;
    else warnings.push(`data-color must be a hex colour such as #1565c0; using ${color}`);
  }

  let zIndex = DEFAULT_CONFIG.zIndex;
  const zAttr = given('zIndex');
  if (zAttr) {
    const parsed = Number(zAttr);
    if (/^\d+$/.test(zAttr) && parsed <= MAX_Z_INDEX) zIndex = parsed;
    else warnings.push(`data-z-index must be a whole number from 0 to ${MAX_Z_INDEX}; using ${zIndex}`);
  }

  // The server reads a slug or an http(s) URL and ignores a report it does not know; longer ones it refuses.
  const report = (given('report') || pageUrl).slice(0, 2000);

  return { config: { endpoint, title, position, open, welcome, color, zIndex, report }, warnings };
}
