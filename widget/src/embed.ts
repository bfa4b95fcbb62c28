// The script-tag entry (`<script src="https://HOST/widget.js" defer>`): reads the tag's data- attributes once, offers
// window.QAWidget, opens on [data-qa-open] clicks, draws the launcher, and loads the panel (widget-app.js, Preact and
// everything else) when the citizen first moves towards the robot. A thin shell: the panel is the importable core.
import { readWidgetConfig, type EmbedAttributes } from './config.js';
import { CHAT_ICON, createHost, LARGE_TEXT_KEY } from './host.js';
import type { WidgetHandle } from './mount.js';
import { SHARED } from './shared.js';

/** The page-facing API, `window.QAWidget`. Calls made before the widget has mounted run once it has. */
export interface QAWidgetApi {
  open(): void;
  close(): void;
  /** Opens the robot and asks `question` (ignored while another question is being answered). */
  ask(question: string): void;
}

declare global {
  interface Window {
    QAWidget?: QAWidgetApi;
  }
}

// Read while this script runs: document.currentScript is null afterwards.
const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');

function start(): void {
  if (window.QAWidget) {
    // A second embed on the same page: the first one already serves it.
    console.info('智能问答机器人: widget.js is included more than once; the extra <script> is ignored');
    return;
  }
  const { config, warnings } = readWidgetConfig((script?.dataset ?? {}) as EmbedAttributes, script?.src || null, location.href);
  for (const warning of warnings) console.warn(`智能问答机器人: ${warning}`);

  let handle: WidgetHandle | null = null;
  let shadow: ShadowRoot | null = null;
  const root = document.createElement('div');
  let loading: Promise<void> | null = null;
  const queued: Array<(h: WidgetHandle) => void> = [];

  /** Adds widget-app.js (from the robot, like the API) and mounts the panel in place of the launcher drawn here. */
  const load = (): Promise<void> =>
    (loading ??= new Promise<void>((resolve, reject) => {
      const tag = document.createElement('script');
      window.QAWidgetShared = SHARED;
      tag.src = `${config.endpoint}/widget-app.js`;
      tag.onload = () => {
        const mount = window.QAWidgetApp;
        if (!mount || !shadow) return reject(new Error('widget-app.js did not load'));
        root.remove();
        tag.remove();
        handle = mount(config, { shadow });
        for (const command of queued.splice(0)) command(handle);
        resolve();
      };
      tag.onerror = () => reject(new Error(`could not load ${tag.src}`));
      // Inside the shadow root: the page's <head> and <body> stay as the webmaster wrote them.
      shadow!.appendChild(tag);
    }).catch((error: Error) => {
      // A failed download is tried again on the next click.
      loading = null;
      console.warn(`智能问答机器人: ${error.message}`);
    }));

  const run = (command: (h: WidgetHandle) => void) => {
    if (handle) return command(handle);
    queued.push(command);
    if (shadow) void load();
  };
  const api: QAWidgetApi = {
    open: () => run((h) => h.open()),
    close: () => run((h) => h.close()),
    ask: (question) => run((h) => h.ask(question)),
  };
  window.QAWidget = api;

  // Delegated, so links added to the page later open the robot too.
  document.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    if (target && typeof target.closest === 'function' && target.closest('[data-qa-open]')) {
      event.preventDefault();
      api.open();
    }
  });

  const mount = () => {
    shadow = createHost(config);
    let large = false;
    try {
      large = localStorage.getItem(LARGE_TEXT_KEY) === '1';
    } catch {
      // Storage blocked: normal size.
    }
    // The panel's launcher, drawn without Preact: same classes, name and place, so nothing moves when it takes over.
    root.className = `root ${config.position}${large ? ' large' : ''}`;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'launcher';
    button.setAttribute('aria-expanded', 'false');
    const svg = (name: string, attributes: Record<string, string>) => {
      const el = document.createElementNS('http://www.w3.org/2000/svg', name);
      for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, value);
      return el;
    };
    const icon = svg('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' });
    icon.appendChild(svg('path', { fill: 'currentColor', d: CHAT_ICON }));
    const label = document.createElement('span');
    label.textContent = config.title;
    button.append(icon, label);
    // Pointing at or focusing the launcher starts the download, so the panel is there by the click.
    for (const type of ['pointerenter', 'focus', 'touchstart']) button.addEventListener(type, () => void load(), { once: true, passive: true });
    button.addEventListener('click', () => api.open());
    root.appendChild(button);
    shadow.appendChild(root);
    if (config.open || queued.length > 0) void load();
  };
  // Without `defer` in <head>, <body> does not exist yet.
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}

start();
