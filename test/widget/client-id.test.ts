import { describe, expect, it } from 'vitest';
import { CLIENT_ID_KEY, CLIENT_ID_PATTERN, createClientId, readClientId } from '../../widget/src/client-id.js';
import { safeStorage, type StorageLike } from '../../widget/src/storage.js';

function memoryStorage(): StorageLike {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const throwing: StorageLike = {
  getItem() {
    throw new DOMException('blocked', 'SecurityError');
  },
  setItem() {
    throw new DOMException('full', 'QuotaExceededError');
  },
  removeItem() {
    throw new DOMException('blocked', 'SecurityError');
  },
};

describe('client id', () => {
  it('is 22 URL-safe random characters matching what the server accepts', () => {
    const ids = new Set(Array.from({ length: 50 }, () => createClientId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(createClientId((b) => b.fill(255))).toBe('_____________________w');
  });

  it('is created once per browser and then reused', () => {
    const storage = memoryStorage();
    const first = readClientId(storage);
    expect(first).toMatch(CLIENT_ID_PATTERN);
    expect(storage.getItem(CLIENT_ID_KEY)).toBe(first);
    expect(readClientId(storage)).toBe(first);
  });

  it('replaces a stored value of the wrong shape', () => {
    const storage = memoryStorage();
    storage.setItem(CLIENT_ID_KEY, 'bad id with spaces');
    expect(readClientId(storage)).toMatch(CLIENT_ID_PATTERN);
  });

  it('still gives an id when storage is blocked', () => {
    expect(readClientId(safeStorage(() => throwing))).toMatch(CLIENT_ID_PATTERN);
  });
});

describe('safeStorage', () => {
  it('never throws, whether opening or using storage fails', () => {
    const unopenable = safeStorage(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(unopenable.getItem('k')).toBeNull();
    expect(() => unopenable.setItem('k', 'v')).not.toThrow();
    const failing = safeStorage(() => throwing);
    expect(failing.getItem('k')).toBeNull();
    expect(() => failing.setItem('k', 'v')).not.toThrow();
    expect(() => failing.removeItem('k')).not.toThrow();
  });

  it('passes calls through to working storage', () => {
    const storage = safeStorage(() => memoryStorage());
    storage.setItem('k', 'v');
    expect(storage.getItem('k')).toBe('v');
  });
});
