// Owns the server the memory bench measures: createNodeApp as `npm start` wires it, with the segmenter that answers
// questions chosen on the command line (bench/memory.ts compiles this file as npm start compiles the server).
//
//   node dist/server/bench/memory-server.js typescript|nodejieba      (environment as for npm start; PORT=0 is fine)
import { serve } from '@hono/node-server';
import { readConfig } from '../server/config.js';
import { createLogger } from '../server/http/log.js';
import { createNodeApp } from '../server/runtime/node.js';
import type { QuestionSegmenter } from '../server/runtime/node-engine.js';

const segmenter = (process.argv[2] ?? 'typescript') as QuestionSegmenter;
const config = { ...readConfig(process.env), adminToken: 'bench-token-not-used-here' };
const { app } = createNodeApp(config, createLogger(config.logLevel), { questionSegmenter: segmenter });
serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => console.log(JSON.stringify({ port: info.port })));
