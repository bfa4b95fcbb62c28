// The contract suite against the Node app as `npm start` wires it (createNodeApp: corpus engine, SQLite store in a
// temporary DATA_DIR, staff API behind ADMIN_TOKEN), once without a rate limit and once with one.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createLogger } from '../../server/http/log.js';
import { createNodeApp } from '../../server/runtime/node.js';
import { testConfig } from '../helpers/corpus.js';
import { tempDataDir, TOKEN } from '../helpers/staff.js';
import { describeContract, type Send } from './suite.js';

const LIMIT = 3;
// One index for both apps, built into a temporary folder (never into dist/).
const base = { INDEX_DIR: join(mkdtempSync(join(tmpdir(), 'qa-contract-')), 'index'), ADMIN_TOKEN: TOKEN };
const main = createNodeApp(testConfig({ ...base, DATA_DIR: tempDataDir() }), createLogger('silent'));
const limited = createNodeApp(testConfig({ ...base, DATA_DIR: tempDataDir(), RATE_LIMIT_PER_MINUTE: String(LIMIT) }), createLogger('silent'));
afterAll(async () => {
  await main.store.close();
  await limited.store.close();
});

const sender =
  (app: typeof main.app): Send =>
  (path, init) =>
    Promise.resolve(app.request(path, init));

describeContract('node', () => ({ send: sender(main.app), adminToken: TOKEN, limited: { send: sender(limited.app), limit: LIMIT } }));
