// Owns the throughput floor: the least an ask-shaped request costs on this stack — Hono on @hono/node-server, a POST
// whose small JSON body is parsed and answered with about 1 kB of JSON and a UUID — so that POST /api/ask is measured
// against what the stack itself allows (bench/throughput.ts, floorTarget). Nothing here answers anything.
//
//   node dist/server/bench/floor-server.js      (PORT, HOST as for npm start)
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { nodeBodyReader } from '../server/runtime/node-body.js';

/** About 1 kB of answer-shaped JSON fields, the same for every request. */
const PASSAGE = '六是通过投诉监察科(6958028)举报投诉行政服务中心进驻部门,及时受理群众的咨询和投诉。'.repeat(5);

const app = new Hono();
app.get('/healthz', (c) => c.json({ ok: true }));
// FLOOR_BODY=incoming: the body read the way the robot's Node shell reads it (server/runtime/node-body.ts), not
// through the web Request: the floor of the same method, to tell what the robot adds from what the reading saves.
const fromIncoming = process.env.FLOOR_BODY === 'incoming';
app.post('/api/ask', async (c) => {
  const body = (
    fromIncoming && nodeBodyReader.accepts(c) ? JSON.parse(new TextDecoder().decode(await nodeBodyReader.read(c, 16 * 1024))) : await c.req.json()
  ) as { question?: unknown };
  if (typeof body.question !== 'string') return c.json({ error: { code: 'invalid_question', message: 'question must be a string' } }, 400);
  return c.json({
    id: crypto.randomUUID(),
    answer: PASSAGE,
    matched: 'corpus',
    sources: [{ title: '2015年度行政服务中心政府信息公开年度报告', date: '2016-03-11', url: '/reports/mudanjiang-xzfwzx-2015-gkbg#p-12', section: '三、依申请公开情况' }],
    highlights: [{ start: 9, end: 16 }],
    question: body.question,
  });
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8788), hostname: process.env.HOST ?? '127.0.0.1' });
