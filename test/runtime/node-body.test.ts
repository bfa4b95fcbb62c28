// The Node body reader (server/runtime/node-body.ts) on a real @hono/node-server: it reads bodies that declare their
// length straight from the socket, leaves chunked ones to Hono's bodyLimit, and survives a client that hangs up.
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, errorResponse } from '../../server/http/errors.js';
import { limitJsonBody, readJsonObject } from '../../server/http/validate.js';
import { nodeBodyReader } from '../../server/runtime/node-body.js';

const LIMIT = 1024;
const app = new Hono();
const seen: Array<{ accepted: boolean; error?: string }> = [];
app.onError((error, c) => {
  if (error instanceof ApiError) {
    seen.push({ accepted: false, error: error.code });
    return errorResponse(c, error.status, error.code, error.message);
  }
  throw error;
});
app.use('/echo', limitJsonBody(LIMIT, nodeBodyReader));
app.post('/echo', async (c) => {
  const accepted = nodeBodyReader.accepts(c);
  const body = await readJsonObject(c, LIMIT, nodeBodyReader);
  seen.push({ accepted });
  return c.json(body);
});

let server: ServerType;
let port = 0;
beforeAll(async () => {
  await new Promise<void>((done) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      port = info.port;
      done();
    });
  });
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

/** Sends raw HTTP in pieces (a pause between them) and returns what the server answered before it closed or 2 s passed. */
async function raw(pieces: Array<string | Buffer>, { hangUp = false } = {}): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  let response = '';
  socket.on('data', (d) => (response += d.toString('utf8')));
  socket.on('error', () => undefined);
  await new Promise<void>((done) => socket.once('connect', () => done()));
  for (const piece of pieces) {
    socket.write(piece);
    await new Promise((r) => setTimeout(r, 30));
  }
  if (hangUp) {
    socket.destroy();
    return '';
  }
  const deadline = Date.now() + 2000;
  while (Date.now() < deadline && !/\r\n\r\n[\s\S]*\}\s*$/.test(response)) await new Promise((r) => setTimeout(r, 10));
  socket.destroy();
  return response;
}

describe('the Node body reader', () => {
  it('reads a JSON body that declares its length from the socket, a character split across two packets included', async () => {
    const body = Buffer.from(JSON.stringify({ question: '投诉电话是多少' }));
    const cut = body.indexOf(Buffer.from('电')) + 1; // inside the three bytes of 电
    seen.length = 0;
    const response = await raw([
      `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
      body.subarray(0, cut),
      body.subarray(cut),
    ]);
    expect(response).toMatch(/^HTTP\/1\.1 200/);
    expect(JSON.parse(response.split('\r\n\r\n')[1]!)).toEqual({ question: '投诉电话是多少' });
    expect(seen).toEqual([{ accepted: true }]);
  });

  it('refuses a declared length above the limit with 413 before reading, and leaves chunked bodies to bodyLimit', async () => {
    seen.length = 0;
    const tooLong = await raw([`POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${LIMIT + 1}\r\nConnection: close\r\n\r\n`]);
    expect(tooLong).toMatch(/^HTTP\/1\.1 413/);
    expect(tooLong).toContain('payload_too_large');

    const chunk = JSON.stringify({ question: '依申请公开' });
    const chunked = await raw([
      'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n',
      `${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n0\r\n\r\n`,
    ]);
    expect(chunked).toMatch(/^HTTP\/1\.1 200/);
    expect(seen.at(-1)).toEqual({ accepted: false });
    const bigChunk = 'a'.repeat(LIMIT + 10);
    const chunkedTooLong = await raw([
      'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n',
      `${bigChunk.length.toString(16)}\r\n${bigChunk}\r\n0\r\n\r\n`,
    ]);
    expect(chunkedTooLong).toMatch(/^HTTP\/1\.1 413/);
  });

  it('gives up on a client that hangs up in the middle of its body, and goes on answering others', async () => {
    seen.length = 0;
    await raw([`POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"question":"`], { hangUp: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([{ accepted: false, error: 'body_incomplete' }]);
    const body = JSON.stringify({ question: '还在吗' });
    const next = await raw([`POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`]);
    expect(next).toMatch(/^HTTP\/1\.1 200/);
  });

  it('is not used for requests that did not come through the Node server (app.request in tests, the Worker)', async () => {
    const response = await app.request('/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question":"年报"}' });
    expect(response.status).toBe(200);
    expect(seen.at(-1)).toEqual({ accepted: false });
  });
});
