// The driver port contract: what sql-store.ts needs of a database driver (better-sqlite3 on Node, D1 on Workers),
// written once; a runtime's test calls describeDriverContract with a function that gives a driver over a migrated
// database.
import { describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../server/store/sql-store.js';

const KEYS = ['contract-a', 'contract-b'];

export function describeDriverContract(name: string, create: () => SqlDriver | Promise<SqlDriver>): void {
  describe(`${name}: the SQL driver port`, () => {
    const open = async () => {
      const driver = await create();
      await driver.run({ sql: 'DELETE FROM store_state WHERE key IN (?1, ?2)', params: KEYS });
      return driver;
    };

    it('binds ?N parameters by number (one used twice), returns RETURNING rows and counts changed rows', async () => {
      const driver = await open();
      const inserted = await driver.run({ sql: 'INSERT INTO store_state (key, value) VALUES (?1, ?2) RETURNING key, value', params: ['contract-a', 7] });
      expect(inserted).toEqual({ rows: [{ key: 'contract-a', value: 7 }], changes: 1 });
      const updated = await driver.run({ sql: 'UPDATE store_state SET value = value + ?2 WHERE key = ?1 AND ?2 > 0', params: ['contract-a', 3] });
      expect(updated).toEqual({ rows: [], changes: 1 });
      const none = await driver.run({ sql: 'UPDATE store_state SET value = 0 WHERE key = ?1', params: ['contract-missing'] });
      expect(none.changes).toBe(0);
      expect((await driver.run({ sql: 'SELECT value FROM store_state WHERE key = ?1', params: ['contract-a'] })).rows).toEqual([{ value: 10 }]);
    });

    it('runs a batch in order, each statement seeing the ones before it', async () => {
      const driver = await open();
      const results = await driver.batch([
        { sql: 'INSERT INTO store_state (key, value) VALUES (?1, 1)', params: ['contract-a'] },
        { sql: 'UPDATE store_state SET value = value * 5 WHERE key = ?1', params: ['contract-a'] },
        { sql: 'SELECT value FROM store_state WHERE key = ?1', params: ['contract-a'] },
      ]);
      expect(results.map((r) => r.changes)).toEqual([1, 1, 0]);
      expect(results[2]!.rows).toEqual([{ value: 5 }]);
    });

    it('runs a batch as one transaction: when a statement fails, the ones before it are undone', async () => {
      const driver = await open();
      await driver.run({ sql: 'INSERT INTO store_state (key, value) VALUES (?1, 1)', params: ['contract-a'] });
      await expect(
        driver.batch([
          { sql: 'INSERT INTO store_state (key, value) VALUES (?1, 2)', params: ['contract-b'] },
          { sql: 'UPDATE store_state SET value = 9 WHERE key = ?1', params: ['contract-a'] },
          { sql: 'INSERT INTO store_state (key, value) VALUES (?1, 3)', params: ['contract-a'] },
        ]),
      ).rejects.toThrow(/UNIQUE|constraint/i);
      const left = await driver.run({ sql: 'SELECT key, value FROM store_state WHERE key IN (?1, ?2) ORDER BY key', params: KEYS });
      expect(left.rows).toEqual([{ key: 'contract-a', value: 1 }]);
    });
  });
}
