// Bench helper (measurement only, nothing here ships): the Node robot wired as createNodeApp wires it (corpus engine,
// SQLite store, FAQ index, staff API), but with the FAQ matcher's number of precisely scored entries taken from
// BENCH_FAQ_CANDIDATES ("all" = the full scan matching did before the FAQ was indexed). Prints its port.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { readConfig } from '../server/config.js';
import { contextWordsOf, createFaqIndex, type FaqIndex } from '../server/core/faq-match.js';
import { staffAppDeps } from '../server/http/admin-routes.js';
import { createApp } from '../server/http/app.js';
import { createLogger } from '../server/http/log.js';
import { loadCorpusEngine } from '../server/runtime/node-engine.js';
import { nodeClientAddress } from '../server/runtime/node.js';
import { openSqliteStore } from '../server/store/sqlite-store.js';

const config = readConfig(process.env);
const log = createLogger(config.logLevel);
const raw = process.env.BENCH_FAQ_CANDIDATES ?? '';
const candidates = raw === 'all' ? Infinity : raw ? Number(raw) : undefined;
let faq: FaqIndex | null = null;
const loaded = loadCorpusEngine(config, log, (question) => (faq ? faq.match(question) : null));
const store = openSqliteStore({ dataDir: config.dataDir });
const segmenter = loaded.index.segmenter;
faq = createFaqIndex(store, {
  segmenter,
  synonyms: loaded.synonyms,
  generalFrequency: (word) => loaded.dictionary.frequency(word),
  contextWords: contextWordsOf(loaded.site.siteName, segmenter),
  ...(candidates === undefined ? {} : { candidates }),
});
const app = createApp({
  engine: loaded.engine,
  config,
  runtime: 'node',
  site: loaded.site,
  clientAddress: nodeClientAddress(config),
  logger: log,
  ...staffAppDeps({ store, faq, logger: log }),
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => console.log(JSON.stringify({ port: info.port })));
// While the full scan blocks the event loop for seconds, Node's 5 s keep-alive timer can fire before a request that
// already arrived on an idle socket is read, and the client sees ECONNRESET: keep idle sockets for the whole run.
(server as import('node:http').Server).keepAliveTimeout = 600_000;
process.on('SIGTERM', () => server.close(() => void store.close().finally(() => process.exit(0))));
