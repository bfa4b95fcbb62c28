// Owns the unanswered-list benchmark: GET /api/admin/unanswered over 50,000 logged questions, in the Node app
// (createNodeApp, SQLite store on disk, the default corpus), optionally side by side with another checkout's app.
//
//   npx tsx bench/unanswered.ts [--questions 50000] [--faq 1000] [--rounds 5] [--baseline <checkout>]
//
// `--baseline` is a checkout of another commit (e.g. `git archive <commit> | tar -x -C /tmp/base` with node_modules
// linked in): its createNodeApp serves a copy of the same database, and the two apps are measured in alternating
// rounds (A B A B …). Latency is the in-process `app.request` time; "stall" is the longest gap a 1 ms timer saw while
// the request ran (the event loop blocked: no citizen's question is answered meanwhile). Before each request a new FAQ
// entry is saved (staff answered a question), so the FAQ matcher's memory of earlier matches does not help.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from './stats.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const QUESTIONS = Number(option('questions', '50000'));
const FAQ_ENTRIES = Number(option('faq', '1000'));
const ROUNDS = Number(option('rounds', '5'));
const BASELINE = args.includes('--baseline') ? resolve(option('baseline', '')) : null;
const TOKEN = 'bench-staff-token-0123456789abcdef';

const TOPICS = ['护照', '社保卡', '公积金', '驾驶证', '户口', '营业执照', '医保', '低保', '出生证明', '结婚登记', '停车', '投诉', '退休', '残疾证', '房产证', '居住证', '港澳通行证', '不动产登记', '个体户', '养老金'];
const ASKS = ['怎么办理', '在哪里办', '需要什么材料', '多久能拿到', '收费吗', '可以网上办吗', '几点上班', '电话是多少', '过期了怎么办', '丢了怎么补'];
const PLACES = ['', '东城区', '西城区', '开发区', '县里', '市里', '新区', '高新区', '老城区'];

/**
 * The i-th logged question: a long tail as citizens ask (one in three is asked once: its own number), the rest a few
 * hundred wordings asked again and again.
 */
function question(i: number): string {
  const place = PLACES[Math.floor(i / 7) % PLACES.length]!;
  const topic = TOPICS[i % TOPICS.length]!;
  const ask = ASKS[Math.floor(i / 3) % ASKS.length]!;
  return i % 3 === 0 ? `请问${place}${topic}第${i}号窗口${ask}` : `${place}${topic}${ask}${i % 2 === 0 ? '？' : ''}`;
}

interface Side {
  name: string;
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** Loads a checkout's createNodeApp over a data folder (its own index folder, built at start). */
async function openSide(name: string, root: string, dataDir: string): Promise<Side> {
  const node = (await import(pathToFileURL(join(root, 'server/runtime/node.ts')).href)) as typeof import('../server/runtime/node.js');
  const config = (await import(pathToFileURL(join(root, 'server/config.ts')).href)) as typeof import('../server/config.js');
  const log = (await import(pathToFileURL(join(root, 'server/http/log.ts')).href)) as typeof import('../server/http/log.js');
  const cfg = config.readConfig({
    CORPUS_DIR: join(root, 'corpus'),
    INDEX_DIR: mkdtempSync(join(tmpdir(), 'qa-bench-index-')),
    DATA_DIR: dataDir,
    ADMIN_TOKEN: TOKEN,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const { app, store } = node.createNodeApp(cfg, log.createLogger('silent'));
  return {
    name,
    request: async (path, init = {}) =>
      app.request(path, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...(init.headers ?? {}) } }),
    close: () => store.close(),
  };
}

/** Fills a data folder with the question log (and FAQ entries answering some of the topics) through this checkout's store. */
async function fill(dataDir: string): Promise<void> {
  const { openSqliteStore } = await import('../server/store/sqlite-store.js');
  const store = openSqliteStore({ dataDir });
  const now = Date.now();
  for (let i = 0; i < QUESTIONS; i++) {
    const matched = i % 4 === 0 ? 'corpus' : i % 9 === 0 ? 'faq' : 'none';
    await store.recordQuestion({
      id: `q${i}`,
      question: question(i),
      matched,
      faqId: matched === 'faq' ? (i % 50) + 1 : null,
      passage: null,
      askedAt: new Date(now - (i % 28) * 86_400_000 - i * 1000).toISOString(),
    });
  }
  await store.flush();
  for (let i = 0; i < QUESTIONS; i += 5) {
    if (i % 4 === 0 || i % 9 === 0) await store.addFeedback({ answerId: `q${i}`, helpful: false, comment: null, at: new Date(now - (i % 28) * 86_400_000).toISOString() });
  }
  const inputs = Array.from({ length: FAQ_ENTRIES }, (_, i) => ({
    question: `${PLACES[i % PLACES.length]}${TOPICS[Math.floor(i / PLACES.length) % TOPICS.length]}${ASKS[i % ASKS.length]}${i >= 200 ? `（第${i}项）` : ''}`,
    alternatives: [],
    answer: `示例答案 ${i}`,
    link: null,
    tags: [],
    enabled: true,
    hot: false,
  }));
  if (inputs.length > 0) await store.importFaq(inputs, 'bench');
  await store.close();
}

/** Runs `fn` and reports its time and the longest event-loop stall a 1 ms timer saw meanwhile. */
async function timed(fn: () => Promise<unknown>): Promise<{ ms: number; stallMs: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 1);
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  clearInterval(timer);
  stall = Math.max(stall, performance.now() - last);
  return { ms, stallMs: stall };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qa-bench-unanswered-'));
  console.log(`filling ${QUESTIONS} questions and ${FAQ_ENTRIES} FAQ entries into ${dataDir}`);
  await fill(dataDir);
  const sides = [await openSide('this checkout', resolve('.'), dataDir)];
  if (BASELINE) {
    const copy = mkdtempSync(join(tmpdir(), 'qa-bench-unanswered-base-'));
    copyFileSync(join(dataDir, 'qa-robot.sqlite'), join(copy, 'qa-robot.sqlite'));
    sides.unshift(await openSide(`baseline (${BASELINE})`, BASELINE, copy));
  }
  const paths = [
    '/api/admin/unanswered?days=30&sort=count&limit=500',
    '/api/admin/unanswered?days=30&sort=count&limit=100',
    '/api/admin/unanswered?days=30&sort=count&limit=50',
    '/api/admin/unanswered?days=30&sort=count&limit=50&offset=1000',
  ];
  const results = new Map<string, { ms: number[]; stall: number[]; status: number; groups: number; total: unknown }>();
  for (const side of sides) for (const path of paths) await side.request(path); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const path of paths) {
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        // Staff answer a question, then reload the list: a new FAQ revision, so no remembered FAQ match helps.
        await side.request('/api/admin/faq', { method: 'POST', body: JSON.stringify({ question: `示例新问题${round}-${path.length}`, answer: '示例答案' }) });
        let status = 0;
        let body: { groups?: unknown[]; total?: unknown } = {};
        const t = await timed(async () => {
          const res = await side.request(path);
          status = res.status;
          body = (await res.json()) as typeof body;
        });
        const key = `${side.name}\t${path}`;
        const entry = results.get(key) ?? { ms: [], stall: [], status, groups: body.groups?.length ?? 0, total: body.total ?? '–' };
        entry.ms.push(t.ms);
        entry.stall.push(t.stallMs);
        results.set(key, entry);
      }
    }
  }
  console.log(`\n${ROUNDS} rounds, medians; ${QUESTIONS} questions, ${FAQ_ENTRIES} FAQ entries`);
  console.log('side\trequest\tstatus\tgroups\ttotal\tlatency ms\tlongest stall ms');
  for (const [key, r] of results) {
    console.log(`${key}\t${r.status}\t${r.groups}\t${String(r.total)}\t${median(r.ms).toFixed(1)}\t${median(r.stall).toFixed(1)}`);
  }
  for (const side of sides) await side.close();
}

await main();
