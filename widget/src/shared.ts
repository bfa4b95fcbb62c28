// Owns what the loader (widget.js) hands the panel (widget-app.js) instead of the panel carrying a second copy: the
// host element with its stylesheet (host.ts, styles.ts, color.ts) and the strings. The loader publishes it as
// window.QAWidgetShared before it adds widget-app.js; vite.widget.config.ts builds the panel with host.ts and
// strings.zh-CN.ts read from it. Source imports (tests, mount.tsx imported directly) are unaffected.
import { CHAT_ICON, createHost, LARGE_TEXT_KEY } from './host.js';
import { STRINGS } from './strings.zh-CN.js';

/** Every export of the modules the panel build takes from the loader. */
export const SHARED = { CHAT_ICON, createHost, LARGE_TEXT_KEY, STRINGS };

/** Which module exports which of them (what vite.widget.config.ts builds each module as). */
export const SHARED_MODULES: Record<string, Array<keyof typeof SHARED>> = {
  host: ['CHAT_ICON', 'createHost', 'LARGE_TEXT_KEY'],
  'strings.zh-CN': ['STRINGS'],
};

declare global {
  interface Window {
    QAWidgetShared?: typeof SHARED;
  }
}
