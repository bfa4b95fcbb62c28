// The script-tag entry (`<script src="https://HOST/widget.js" defer>`): reads the tag's data- attributes once, offers
// window.QAWidget, opens on [data-qa-open] clicks, and mounts the core (mount.tsx) as soon as <body> exists.
// A thin shell: everything else lives in the importable core.
import { readWidgetConfig, type EmbedAttributes } from './config.js';
import { mountWidget, type WidgetHandle } from './mount.js';

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
  const queued: Array<(h: WidgetHandle) => void> = [];
  const run = (command: (h: WidgetHandle) => void) => (handle ? command(handle) : queued.push(command));
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
    handle = mountWidget(config);
    for (const command of queued.splice(0)) command(handle);
  };
  // Without `defer` in <head>, <body> does not exist yet.
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}

start();
