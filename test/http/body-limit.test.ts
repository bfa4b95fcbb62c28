// Request bodies are counted while they stream: a chunked body larger than the route's limit is refused with 413
// after at most the limit is read, on a real Node server (the buffering happens there, not in app.request).
import { serve, type ServerType } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../server/contract.js';
import { FAQ_LIMITS } from '../../server/core/faq-transfer.js';
import { MAX_FAQ_ENTRY_BYTES, MAX_IMPORT_BYTES } from '../../server/http/admin-routes.js';
import { MAX_UPLOAD_BODY_BYTES } from '../../server/http/report-routes.js';
import { MAX_BODY_BYTES } from '../../server/http/validate.js';
import { createLogger } from '../../server/http/log.js';
import { createNodeApp } from '../../server/runtime/node.js';
import { makeCorpus, testConfig } from '../helpers/corpus.js';
import { tempDataDir } from '../helpers/staff.js';

const TOKEN = 'body-limit-token-0123456789abcdef';
// The app as `npm start` wires it: public routes, staff API, report routes with a publisher.
const node = createNodeApp(
  testConfig({
    CORPUS_DIR: makeCorpus({ 'mudanjiang-xzfwzx-2015-gkbg.txt': readFileSync('corpus/reports/mudanjiang-xzfwzx-2015-gkbg.txt') }),
    INDEX_DIR: join(mkdtempSync(join(tmpdir(), 'qa-body-')), 'index'),
    DATA_DIR: tempDataDir(),
    ADMIN_TOKEN: TOKEN,
  }),
  createLogger('silent'),
);
let server: ServerType;
let port = 0;

beforeAll(async () => {
  await new Promise<void>((done) => {
    server = serve({ fetch: node.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      port = info.port;
      done();
    });
  });
});
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  await node.store.close();
});

interface ChunkedResult {
  status: number;
  headers: string;
  body: string;
  /** Bytes of body the socket accepted before the server answered and closed. */
  sent: number;
  /** Largest growth of the process's resident memory seen while sending, in bytes. */
  peakGrowth: number;
}

/**
 * Sends a `Transfer-Encoding: chunked` POST of `total` bytes in 64 KiB chunks over a raw socket, stopping when the
 * server answers (unless `stopOnAnswer` is false: a hostile client) or closes; samples this process's memory (the server runs in it) while it goes.
 */
async function postChunked(
  path: string,
  total: number,
  headers: Record<string, string> = {},
  { stopOnAnswer = true } = {},
): Promise<ChunkedResult> {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const chunk = Buffer.alloc(64 * 1024, 'a');
  chunk.write('{"question":"', 0);
  const socket = connect(port, '127.0.0.1');
  let response = '';
  let answered = false;
  let closed = false;
  socket.on('data', (data) => {
    response += data.toString('latin1');
    if (response.includes('\r\n\r\n')) answered = true;
  });
  socket.on('error', () => {
    closed = true;
  });
  socket.on('close', () => {
    closed = true;
  });
  await new Promise<void>((done) => socket.once('connect', () => done()));
  const head = [`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: application/json', 'Transfer-Encoding: chunked'];
  for (const [name, value] of Object.entries(headers)) head.push(`${name}: ${value}`);
  socket.write(`${head.join('\r\n')}\r\n\r\n`);
  let sent = 0;
  while (sent < total && !(stopOnAnswer && answered) && !closed) {
    socket.write(`${chunk.length.toString(16)}\r\n`);
    socket.write(chunk);
    const ok = socket.write('\r\n');
    sent += chunk.length;
    if (!ok) {
      await new Promise<void>((done) => {
        const finish = () => {
          socket.off('drain', finish);
          socket.off('close', finish);
          done();
        };
        socket.on('drain', finish);
        socket.on('close', finish);
      });
    }
  }
  if (!answered && !closed) socket.write('0\r\n\r\n');
  // Wait for the whole answer (or the close), then hang up.
  const deadline = Date.now() + 10_000;
  while (!closed && Date.now() < deadline && !/\r\n\r\n[\s\S]*\}\s*$/.test(response)) await new Promise((r) => setTimeout(r, 10));
  socket.destroy();
  clearInterval(sampler);
  const [headText = '', ...rest] = response.split('\r\n\r\n');
  let body = rest.join('\r\n\r\n');
  if (/transfer-encoding: chunked/i.test(headText)) body = body.replace(/^[0-9a-f]+\r\n/i, '').replace(/\r\n0\r\n[\s\S]*$/, '');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headText)?.[1] ?? 0), headers: headText, body, sent, peakGrowth: peak - baseline };
}

function expectTooLarge(result: ChunkedResult) {
  expect(result.status, result.headers).toBe(413);
  expect(result.headers).toMatch(/content-type: application\/json/i);
  const error = (JSON.parse(Buffer.from(result.body, 'latin1').toString('utf8')) as ErrorResponse).error;
  expect(error.code).toBe('payload_too_large');
  expect(error.message).toMatch(/KiB|MiB/);
}

const MiB = 1024 * 1024;

describe('request bodies streamed in chunks', () => {
  it('refuses a 50 MB chunked POST /api/ask with a 413 JSON error after reading about the limit, without buffering it', async () => {
    const result = await postChunked('/api/ask', 50 * MiB);
    expectTooLarge(result);
    // The server stops reading: the socket takes the limit plus what the kernel buffers, not the 50 MB.
    expect(result.sent).toBeLessThan(12 * MiB);
    expect(result.peakGrowth).toBeLessThan(25 * MiB);
  });

  it('closes the connection of a client that keeps sending after the 413, having read a bounded part of it', async () => {
    const result = await postChunked('/api/ask', 400 * MiB, {}, { stopOnAnswer: false });
    expectTooLarge(result);
    // @hono/node-server discards at most 64 MiB (or 500 ms) of what follows the answer, then closes the socket.
    expect(result.sent).toBeLessThan(80 * MiB);
    expect(result.peakGrowth).toBeLessThan(25 * MiB);
  });

  it('refuses a 50 MB chunked POST /api/feedback the same way', async () => {
    const result = await postChunked('/api/feedback', 50 * MiB);
    expectTooLarge(result);
    expect(result.sent).toBeLessThan(12 * MiB);
    expect(result.peakGrowth).toBeLessThan(25 * MiB);
  });

  it('refuses a chunked FAQ entry above its limit from staff, and an import above its 2 MiB limit', async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const entry = await postChunked('/api/admin/faq', 50 * MiB, auth);
    expectTooLarge(entry);
    expect(entry.sent).toBeLessThan(MAX_FAQ_ENTRY_BYTES + 10 * MiB);
    const result = await postChunked('/api/admin/faq/import', 50 * MiB, auth);
    expectTooLarge(result);
    expect(result.sent).toBeLessThan(MAX_IMPORT_BYTES + 10 * MiB);
  });

  it('accepts an FAQ entry with every field at its limit (larger than a citizen\'s 16 KiB)', async () => {
    const fields = {
      question: '问'.repeat(FAQ_LIMITS.question),
      alternatives: Array.from({ length: FAQ_LIMITS.alternatives }, (_, i) => `${i}${'办'.repeat(FAQ_LIMITS.question - 2)}`),
      answer: '答'.repeat(FAQ_LIMITS.answer),
    };
    const body = JSON.stringify(fields);
    expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_BODY_BYTES);
    const res = await fetch(`http://127.0.0.1:${port}/api/admin/faq`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body,
    });
    expect(res.status, await res.clone().text()).toBe(201);
  });

  it('refuses a report upload above its limit, and reads nothing of an unauthenticated one', async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const big = await postChunked('/api/admin/reports/preview', MAX_UPLOAD_BODY_BYTES + 30 * MiB, auth);
    expectTooLarge(big);
    expect(big.sent).toBeLessThan(MAX_UPLOAD_BODY_BYTES + 10 * MiB);
    const anonymous = await postChunked('/api/admin/reports/preview', 50 * MiB);
    expect(anonymous.status).toBe(401);
    expect(anonymous.sent).toBeLessThan(12 * MiB);
  });

  it('still answers a small chunked question', async () => {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((done) => socket.once('connect', () => done()));
    const body = Buffer.from(JSON.stringify({ question: '投诉电话是多少' }));
    let response = '';
    socket.on('data', (d) => (response += d.toString('utf8')));
    socket.write('POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n');
    socket.write(`${(5).toString(16)}\r\n`);
    socket.write(body.subarray(0, 5));
    socket.write(`\r\n${(body.length - 5).toString(16)}\r\n`);
    socket.write(body.subarray(5));
    socket.write('\r\n0\r\n\r\n');
    await new Promise<void>((done) => socket.once('close', () => done()));
    expect(response).toMatch(/^HTTP\/1\.1 200/);
    expect(response).toContain('6958028');
  });

  it('refuses a declared Content-Length above the limit before reading the body', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(MAX_BODY_BYTES + 1),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorResponse).error.code).toBe('payload_too_large');
  });
});
