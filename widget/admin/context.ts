// Owns what every page of the console shares: the API client, the screen-reader announcer, messages carried to the
// next page, and whether headings take focus. Imports preact and the console's own modules only.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AdminApi } from './api.js';
import type { Route } from './route.js';

/** A message shown at the top of the page a change leads to (e.g. 「已创建常见问题 #12」 on the editor). */
export interface Flash {
  message: string;
  /** The `href` of the page that shows it. */
  href: string;
}

export interface ConsoleContextValue {
  api: AdminApi;
  /** Reads a message out through the polite live region (for results that do not move focus). */
  announce(message: string): void;
  /** Goes to a page, optionally with a message to show there. */
  navigate(route: Route, flash?: string): void;
  /** Whether the page heading takes focus when it mounts (after a navigation, not on the first load). */
  focusHeading: boolean;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

/** The console's shared services; only inside the signed-in console. */
export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole() outside <ConsoleContext.Provider>');
  return value;
}
