// Owns putting the widget into a page: the [data-qa-widget] host element, its open shadow root with constructed
// stylesheets, and the handle the page drives it with. The importable core: the script-tag entry (embed.ts) is a
// thin shell over mountWidget. Never touches the host's <head>.
import { render } from 'preact';
import { createApiClient } from './api.js';
import { readClientId } from './client-id.js';
import { App, type WidgetCommands } from './components/App.js';
import type { WidgetConfig } from './config.js';
import { createHost } from './host.js';
import { safeStorage } from './storage.js';

/** A mounted widget. */
export interface WidgetHandle extends WidgetCommands {
  /** The `[data-qa-widget]` element holding the shadow root. */
  readonly host: HTMLElement;
  /** Unmounts the widget and removes its host element. */
  destroy(): void;
}

export interface MountOptions {
  /** Element the host is appended to. Default `document.body`. */
  parent?: HTMLElement;
  /** `fetch` used for every API call. Default the page's `fetch`. */
  fetch?: typeof fetch;
  /** A styled shadow root to render into (the loader's, see embed.ts); default: a new host in `parent`. */
  shadow?: ShadowRoot;
}

/** Mounts the widget: a `[data-qa-widget]` host at the end of `parent` with an open shadow root. */
export function mountWidget(config: WidgetConfig, options: MountOptions = {}): WidgetHandle {
  const shadow = options.shadow ?? createHost(config, options.parent);
  const host = shadow.host as HTMLElement;
  // Preact owns this container only, so it never removes the fallback <style> beside it.
  const container = shadow.appendChild(document.createElement('div'));

  const local = safeStorage(() => localStorage);
  const session = safeStorage(() => sessionStorage);
  const api = createApiClient({
    endpoint: config.endpoint,
    clientId: readClientId(local),
    report: config.report,
    fetch: options.fetch,
  });
  const handle = {
    host,
    destroy() {
      render(null, container);
      host.remove();
    },
  } as WidgetHandle;
  // The App fills in open, close and ask, during this first render already (render runs synchronously).
  render(<App config={config} api={api} session={session} local={local} commands={handle} />, container);
  return handle;
}
