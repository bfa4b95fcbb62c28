// Owns the ask-vs-floor comparison (BENCHMARKS.md, "Throughput against the floor"): POST /api/ask of the server as
// `npm start` runs it against the floor server (bench/floor-server.ts), and against the floor reading its body as the
// robot's Node shell does, side by side in alternating rounds, with the fixture questions and the SQLite question log
// on; `--profile` then profiles the server under the same load.
//
//   npx tsx bench/floor.ts [--rounds=6] [--seconds=3] [--fresh] [--profile]
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { COMPILED_SERVER, compileServer } from './child.js';
import { readQuestions } from './fixtures.js';
import { hotFunctions } from './profile.js';
import { median, medianRatio } from './stats.js';
import { askLoad, floorTarget, measureThroughput, nodeTarget } from './throughput.js';

const option = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const rounds = Number(option('rounds', '6'));
// --fresh: every question worded anew (bench/throughput.ts freshWording), so none is answered from the memo.
const fresh = process.argv.includes('--fresh');
const seconds = Number(option('seconds', '3'));

await compileServer();
const indexDir = mkdtempSync(join(tmpdir(), 'qa-bench-floor-index-'));
const built = spawnSync(process.execPath, ['dist/server/build/build-index-cli.js'], { env: { ...process.env, INDEX_DIR: indexDir }, encoding: 'utf8' });
if (built.status !== 0) throw new Error(`the index build failed: ${built.stderr}`);
const questions = readQuestions().map((q) => q.question);
console.log(`load average ${loadavg()[0]!.toFixed(2)}; ${rounds} rounds of ${seconds} s; ${questions.length} fixture questions${fresh ? ', each worded anew' : ''}`);
const targets = [floorTarget(), floorTarget({ bodyFromIncoming: true }), nodeTarget(resolve('corpus'), indexDir)];
const rows = await measureThroughput(targets, questions, { rounds, seconds, connections: 10, log: console.log, fresh });
const sameReading = rows[1]!.askRps ?? [];
console.log('| Target | ask req/s (median) | ask p99 | ask / floor (median of per-round ratios) | ask / floor reading the body alike | errors |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  if (r.unavailable) console.log(`| ${r.name} | ${r.unavailable} | | | | |`);
  else {
    const alike = sameReading.length ? medianRatio(r.askRps ?? [], sameReading).toFixed(2) : '';
    console.log(`| ${r.name} | ${median(r.askRps ?? []).toFixed(0)} | ${r.askP99Ms} ms | ${(r.askVsFloor ?? 0).toFixed(2)} | ${alike} | ${(r.errors?.ask ?? 0) + (r.errors?.health ?? 0)} |`);
  }
}

if (process.argv.includes('--profile')) {
  const profDir = mkdtempSync(join(tmpdir(), 'qa-bench-floor-prof-'));
  const target = nodeTarget(resolve('corpus'), indexDir, { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] });
  const server = await target.start();
  if ('unavailable' in server) throw new Error(server.unavailable);
  await askLoad(server.url, questions, 10, 10);
  await server.stop();
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (file) {
    console.log(`\nserver profile under ask load (${COMPILED_SERVER}, main excluded):`);
    for (const h of hotFunctions(join(profDir, file), { exclude: ['main', 'evaluate'], by: 'self', limit: 25 })) {
      console.log(`${(h.selfShare * 100).toFixed(1).padStart(5)}% self ${(h.totalShare * 100).toFixed(1).padStart(5)}% total  ${h.name}  ${h.location}`);
    }
  }
  rmSync(profDir, { recursive: true, force: true });
}
rmSync(indexDir, { recursive: true, force: true });
