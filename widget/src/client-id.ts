// Owns the anonymous per-browser id sent as X-QA-Client (the server rate-limits per client); imports only storage types.
import type { StorageLike } from './storage.js';

/** What a client id looks like; the server accepts only this shape. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** localStorage key of the client id. */
export const CLIENT_ID_KEY = 'qa-widget:client';

/** A new random id: 16 random bytes in base64url (22 characters), nothing derived from the person or device. */
export function createClientId(randomBytes: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = randomBytes(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The browser's client id: the stored one when it is well-formed, else a new one, stored when storage allows
 * (when it does not, the id lasts as long as the page).
 */
export function readClientId(storage: StorageLike): string {
  const stored = storage.getItem(CLIENT_ID_KEY);
  if (stored && CLIENT_ID_PATTERN.test(stored)) return stored;
  const id = createClientId();
  storage.setItem(CLIENT_ID_KEY, id);
  return id;
}
