// Owns the widget's place in a page: the [data-qa-widget] host element at the end of <body> with its open shadow
// root and constructed stylesheets. Shared by the loader (embed.ts) and the panel (mount.tsx); never touches <head>.
import type { WidgetConfig } from './config.js';
import { themeCss, WIDGET_CSS } from './styles.js';

/**
 * Styles a shadow root without touching the page: constructed stylesheets, which a CSP without
 * `'unsafe-inline'` allows; browsers without them (Safari before 16.4) get a `<style>` inside the shadow root.
 */
function adoptStyles(shadow: ShadowRoot, texts: string[]): void {
  if ('adoptedStyleSheets' in shadow && 'replaceSync' in CSSStyleSheet.prototype) {
    shadow.adoptedStyleSheets = texts.map((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      return sheet;
    });
    return;
  }
  for (const text of texts) {
    const style = document.createElement('style');
    style.textContent = text;
    shadow.appendChild(style);
  }
}

/** Appends a styled `[data-qa-widget]` host to `parent` (default `document.body`); returns its shadow root. */
export function createHost(config: WidgetConfig, parent: HTMLElement = document.body): ShadowRoot {
  const host = document.createElement('div');
  host.setAttribute('data-qa-widget', '');
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow, [WIDGET_CSS, themeCss(config)]);
  parent.appendChild(host);
  return shadow;
}

/** The launcher's chat-bubble icon (one path, shared by the loader's launcher and the panel's). */
export const CHAT_ICON =
  'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z';

/** localStorage key of the A+ (large text) preference. */
export const LARGE_TEXT_KEY = 'qa-widget:large-text';
