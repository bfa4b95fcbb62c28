// Owns where the console keeps the staff token: sessionStorage, so it lives as long as the browser tab and is never
// a cookie. Imports nothing.

/** The part of the Storage interface the console uses (sessionStorage, or a stand-in in tests). */
export interface SessionStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A signed-in staff member. */
export interface StaffSession {
  token: string;
  /** Optional name for the audit log; '' when not given. */
  name: string;
}

const TOKEN_KEY = 'qa-admin:token';
const NAME_KEY = 'qa-admin:name';

/** The storage, or null where the browser refuses it (some private modes): the session then lasts one page view. */
export function sessionStore(): SessionStore | null {
  try {
    const store = window.sessionStorage;
    store.getItem(TOKEN_KEY);
    return store;
  } catch {
    return null;
  }
}

/** The session kept in this tab, if any. */
export function readSession(store: SessionStore | null): StaffSession | null {
  try {
    const token = store?.getItem(TOKEN_KEY);
    return token ? { token, name: store?.getItem(NAME_KEY) ?? '' } : null;
  } catch {
    return null;
  }
}

/** Keeps the session for this tab. */
export function saveSession(store: SessionStore | null, session: StaffSession): void {
  try {
    store?.setItem(TOKEN_KEY, session.token);
    if (session.name) store?.setItem(NAME_KEY, session.name);
    else store?.removeItem(NAME_KEY);
  } catch {
    // Storage full or refused: the session still works until the page is reloaded.
  }
}

/** Forgets the session (sign-out, or a token the server no longer accepts). */
export function clearSession(store: SessionStore | null): void {
  try {
    store?.removeItem(TOKEN_KEY);
    store?.removeItem(NAME_KEY);
  } catch {
    // Nothing to forget.
  }
}
