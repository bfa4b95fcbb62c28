// The same contract suite against the Worker in local workerd, and the answers of every fixture question compared
// with Node's: the edge segments questions with the TypeScript jieba port, Node with nodejieba.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/corpus.js';
import { startWorker, type RunningWorker } from '../helpers/wrangler.js';
import { collectAnswers, describeContract } from './suite.js';

let worker: RunningWorker;
beforeAll(async () => {
  worker = await startWorker({ RATE_LIMIT_PER_MINUTE: '0' });
}, 180_000);
afterAll(async () => worker?.stop());

describeContract('workers', () => (path, init) => fetch(`${worker.url}${path}`, init));

describe('Node and Workers', () => {
  it('give identical answers to every fixture question', async () => {
    const app = testApp();
    const node = await collectAnswers((path, init) => Promise.resolve(app.request(path, init)));
    const edge = await collectAnswers((path, init) => fetch(`${worker.url}${path}`, init));
    expect(Object.keys(edge).length).toBeGreaterThan(100);
    expect(edge).toEqual(node);
  }, 120_000);
});
