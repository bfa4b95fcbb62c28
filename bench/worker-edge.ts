// Owns the edge measurements of docs/workers.md: the Worker bundle (wrangler deploy --dry-run), the time to the first
// answer of a fresh isolate in local workerd (wrangler dev), and the heap the isolate's loading code holds (measured
// on Node, as a proxy: workerd reports no heap figures). Corpora: the default one and synthetic ones (bench/).
//
//   npx tsx bench/worker-edge.ts [--sizes=0,100,500,1000] [--runs=5]     (0 = the default corpus)
//   node --expose-gc --import tsx bench/worker-edge.ts heap <public dir> <dictionary>   (one fresh process per measurement)
// The first answer is timed in alternating runs with bench/empty-worker.ts under the same configuration: the
// difference is what the robot adds to a cold start beyond local workerd and wrangler's proxy.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runNodeChild, TSX } from './child.js';
import { median } from './stats.js';

const ENV = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' };
const QUESTION = '投诉电话是多少？';
/** Where server/runtime/worker.ts imports the bundled dictionary from (scripts/build-worker.ts writes it). */
const BUNDLED_DICTIONARY = join('dist', 'worker', 'dictionary.bin');

function option(name: string, fallback: string): string {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mb = (bytes: number) => (bytes < 1024 * 1024 ? kb(bytes) : `${(bytes / 1024 / 1024).toFixed(1)} MiB`);

/** The Worker bundle as `wrangler deploy` would upload it (runs the project's [build] first; uploads nothing). */
function bundleSize(): { raw: number; gzip: number } {
  const out = mkdtempSync(join(tmpdir(), 'qa-edge-dry-'));
  try {
    const r = spawnSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out], { env: ENV, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${r.stdout}\n${r.stderr}`);
    let raw = 0;
    let gzip = 0;
    for (const f of readdirSync(out).filter((n) => /\.(m?js|wasm|bin)$/.test(n))) {
      const bytes = readFileSync(join(out, f));
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    return { raw, gzip };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * An assets folder as scripts/build-worker.ts lays it out, with the index of `reports` synthetic reports (0: default),
 * and the dictionary the Worker bundles for it (beside the folder, not an asset).
 */
async function publicDirFor(reports: number): Promise<{ dir: string; dictionary: string }> {
  const dir = mkdtempSync(join(tmpdir(), `qa-edge-public-${reports}-`));
  for (const name of ['widget.js', 'admin']) {
    if (existsSync(join('dist/public', name))) cpSync(join('dist/public', name), join(dir, name), { recursive: true });
  }
  mkdirSync(join(dir, '_index'));
  if (reports === 0) {
    cpSync('dist/public/_index', join(dir, '_index'), { recursive: true });
    copyFileSync(BUNDLED_DICTIONARY, `${dir}.dictionary.bin`);
    return { dir, dictionary: `${dir}.dictionary.bin` };
  }
  const { writeSyntheticCorpus } = await import('./synthetic-corpus.js');
  const { buildIndex } = await import('../server/build/build-index.js');
  const { corpusDir } = writeSyntheticCorpus(reports);
  const summary = buildIndex({ corpusDir, outDir: join(dir, 'build') });
  copyFileSync(summary.file, join(dir, '_index', 'index.json'));
  copyFileSync(summary.dictionaryFile, `${dir}.dictionary.bin`);
  copyFileSync(join(corpusDir, 'synonyms.txt'), join(dir, '_index', 'synonyms.txt'));
  copyFileSync(join(corpusDir, 'site.json'), join(dir, '_index', 'site.json'));
  rmSync(join(dir, 'build'), { recursive: true, force: true });
  rmSync(corpusDir, { recursive: true, force: true });
  return { dir, dictionary: `${dir}.dictionary.bin` };
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

/**
 * Starts `wrangler dev` on the given assets (a copy of wrangler.toml without [build]) with the given entry, waits for
 * "Ready", then times the first answer (the fresh isolate reads and loads the index) and a second one (warm).
 */
async function coldStart(publicDir: string, main = 'server/runtime/worker.ts'): Promise<{ firstMs: number; warmMs: number }> {
  const work = mkdtempSync(join(tmpdir(), 'qa-edge-dev-'));
  const toml = readFileSync('wrangler.toml', 'utf8')
    .replace(/^main = .*$/m, `main = ${JSON.stringify(resolve(main))}`)
    .replace(/^directory = .*$/m, `directory = ${JSON.stringify(publicDir)}`)
    .replace(/^migrations_dir = .*$/m, `migrations_dir = ${JSON.stringify(resolve('migrations'))}`)
    .replace(/^\[build\][\s\S]*?\n\n/m, '');
  const config = join(work, 'wrangler.toml');
  writeFileSync(config, toml);
  const persist = join(work, 'state');
  const migrate = spawnSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'qa-robot', '--local', '-c', config, '--persist-to', persist], {
    env: ENV,
    encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);
  const port = await freePort();
  const child = spawn(
    'npx',
    ['wrangler', 'dev', '-c', config, '--port', String(port), '--ip', '127.0.0.1', '--persist-to', persist, '--var', 'RATE_LIMIT_PER_MINUTE:0', '--var', 'LOG_LEVEL:warn', '--show-interactive-dev-session=false'],
    { env: ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    await new Promise<void>((ok, fail) => {
      let output = '';
      const timer = setTimeout(() => fail(new Error(`wrangler dev did not start:\n${output}`)), 120_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/Ready on http/.test(output)) {
          clearTimeout(timer);
          ok();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => fail(new Error(`wrangler dev exited with ${code}:\n${output}`)));
    });
    const url = `http://127.0.0.1:${port}/api/ask?q=${encodeURIComponent(QUESTION)}`;
    const time = async () => {
      const started = performance.now();
      const res = await fetch(url);
      await res.text();
      if (!res.ok) throw new Error(`first answer failed with ${res.status}`);
      return performance.now() - started;
    };
    const firstMs = await time();
    const warmMs = await time();
    return { firstMs, warmMs };
  } finally {
    child.removeAllListeners('exit');
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* gone */
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    rmSync(work, { recursive: true, force: true });
  }
}

/** Child mode: loads the app with the Worker's code (createWorkerApp, assets read from a folder, no D1). */
async function heapChild(publicDir: string, dictionaryFile: string): Promise<unknown> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const { createWorkerApp } = await import('../server/runtime/worker-app.js');
  const env = {
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    ASSETS: {
      fetch: async (input: Request | string) => {
        const path = new URL(typeof input === 'string' ? input : input.url).pathname;
        const file = join(publicDir, path);
        return existsSync(file) && statSync(file).isFile() ? new Response(readFileSync(file)) : new Response(null, { status: 404 });
      },
    },
  };
  for (let i = 0; i < 3; i++) gc();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  // The Worker bundles its dictionary (a Data module); here it is read from the corpus's build, as bytes.
  const loaded = await createWorkerApp(env, new Uint8Array(readFileSync(dictionaryFile)));
  const loadMs = performance.now() - started;
  const answerStarted = performance.now();
  const res = await loaded.app.request(`/api/ask?q=${encodeURIComponent(QUESTION)}`);
  await res.text();
  const firstAnswerMs = performance.now() - answerStarted;
  for (let i = 0; i < 3; i++) gc();
  const after = process.memoryUsage();
  return { loadMs, firstAnswerMs, heapUsed: after.heapUsed, heapDelta: after.heapUsed - before, baseline: before, keep: res.status };
}

async function main(): Promise<void> {
  if (process.argv[2] === 'heap') {
    console.log(JSON.stringify(await heapChild(process.argv[3]!, process.argv[4]!)));
    return;
  }
  const sizes = option('sizes', '0,100,500,1000').split(',').map(Number);
  const runs = Number(option('runs', '5'));
  console.log(`Node ${process.version}, load average ${loadavg()[0]!.toFixed(2)} at start, ${new Date().toISOString()}`);
  const bundle = bundleSize();
  console.log(`Worker bundle: ${kb(bundle.raw)} raw, ${kb(bundle.gzip)} gzip`);
  console.log(
    '| Reports | index.json | dictionary (bundled) | Load in process (Node) | Heap after load (Node, proxy) | Load fits a 128 MB heap (Node, proxy) | First answer in a fresh isolate (workerd, median) | An empty Worker\'s first response (same runs) | The robot\'s own cold cost (median of per-run differences) | Warm answer (workerd) |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: |');
  // The Worker bundles the dictionary it imports from dist/worker: each corpus's own goes there while it runs.
  const bundled = existsSync(BUNDLED_DICTIONARY) ? readFileSync(BUNDLED_DICTIONARY) : null;
  if (!bundled) throw new Error(`${BUNDLED_DICTIONARY} is missing: run \`npm run build:worker\` first`);
  try {
    for (const reports of sizes) {
      const { dir, dictionary } = await publicDirFor(reports);
      try {
        const heaps: Array<{ loadMs: number; heapDelta: number }> = [];
        for (let i = 0; i < 3; i++) {
          heaps.push((await runNodeChild<{ loadMs: number; heapDelta: number }>(['--expose-gc', ...TSX], 'bench/worker-edge.ts', ['heap', dir, dictionary])).value);
        }
        // Whether the load fits a 128 MB heap at its peak (the parsed JSON and the loaded index coexist for a moment).
        const fits = await runNodeChild(['--expose-gc', '--max-old-space-size=128', ...TSX], 'bench/worker-edge.ts', ['heap', dir, dictionary]).then(
          () => 'yes',
          () => '**no**',
        );
        copyFileSync(dictionary, BUNDLED_DICTIONARY);
        // The robot's Worker and an empty one in alternating order (A B A B …): this machine's load moves both.
        const colds: Array<{ firstMs: number; warmMs: number }> = [];
        const empties: Array<{ firstMs: number; warmMs: number }> = [];
        for (let i = 0; i < runs; i++) {
          for (const which of i % 2 === 0 ? ['robot', 'empty'] : ['empty', 'robot']) {
            if (which === 'robot') colds.push(await coldStart(dir));
            else empties.push(await coldStart(dir, 'bench/empty-worker.ts'));
          }
        }
        const index = statSync(join(dir, '_index', 'index.json')).size;
        const dictionaryBytes = statSync(dictionary).size;
        const own = median(colds.map((c, i) => c.firstMs - empties[i]!.firstMs));
        console.log(
          `| ${reports === 0 ? 'default corpus (1)' : reports} | ${mb(index)} | ${mb(dictionaryBytes)} | ${median(heaps.map((h) => h.loadMs)).toFixed(0)} ms | ` +
            `${mb(median(heaps.map((h) => h.heapDelta)))} | ${fits} | ${median(colds.map((c) => c.firstMs)).toFixed(0)} ms ` +
            `(${colds.map((c) => c.firstMs.toFixed(0)).join(', ')}) | ${median(empties.map((c) => c.firstMs)).toFixed(0)} ms ` +
            `(${empties.map((c) => c.firstMs.toFixed(0)).join(', ')}) | ${own.toFixed(0)} ms | ${median(colds.map((c) => c.warmMs)).toFixed(0)} ms |`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
        rmSync(dictionary, { force: true });
      }
    }
  } finally {
    writeFileSync(BUNDLED_DICTIONARY, bundled);
  }
}

await main();
