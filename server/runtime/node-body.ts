// Owns reading a request body on Node straight from the server's IncomingMessage (http.BodyReader): the web Request
// that Hono's c.req would build around it (an undici Request, a web stream over the socket, an abort signal) costs
// more than answering the question (BENCHMARKS.md, "Throughput against the floor").
import { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { ApiError } from '../http/errors.js';
import { tooLarge, type BodyReader } from '../http/validate.js';

/** The bindings @hono/node-server passes as `c.env`. */
interface NodeBindings {
  incoming?: unknown;
}

const incomingOf = (c: Context): IncomingMessage | null => {
  const incoming = (c.env as NodeBindings | undefined)?.incoming;
  return incoming instanceof IncomingMessage ? incoming : null;
};

/** Bodies already handed out: a body is read once. */
const taken = new WeakSet<IncomingMessage>();

/**
 * Reads the body of a request served by @hono/node-server from its IncomingMessage, when the request declares its
 * length (`Content-Length`, as browsers' fetch and the widget always do).
 *
 * @remarks A declared length above the limit is refused before a byte is read, and Node's parser delivers no more
 * than the declared length, so at most `maxBytes` are ever held. What a refused client still sends is
 * @hono/node-server's to discard after the answer, as with Hono's `bodyLimit`. A chunked body (no length) is left to
 * Hono's `bodyLimit`, which counts it as it streams ({@link limitJsonBody}).
 */
export const nodeBodyReader: BodyReader = {
  accepts(c) {
    const incoming = incomingOf(c);
    return (
      incoming !== null &&
      !taken.has(incoming) &&
      incoming.headers['content-length'] !== undefined &&
      incoming.headers['transfer-encoding'] === undefined &&
      !incoming.readableEnded
    );
  },
  read(c, maxBytes) {
    const incoming = incomingOf(c)!;
    taken.add(incoming);
    if (Number(incoming.headers['content-length']) > maxBytes) return Promise.reject(tooLarge(maxBytes));
    return new Promise<Uint8Array>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const stop = () => {
        incoming.off('data', onData);
        incoming.off('end', onEnd);
        incoming.off('error', onAbort);
        incoming.off('close', onAbort);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        chunks.push(chunk);
      };
      const onEnd = () => {
        stop();
        resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
      };
      const onAbort = () => {
        stop();
        reject(new ApiError(400, 'body_incomplete', 'the request body ended before it was complete'));
      };
      incoming.on('data', onData);
      incoming.on('end', onEnd);
      incoming.on('error', onAbort);
      incoming.on('close', onAbort);
    });
  },
};
