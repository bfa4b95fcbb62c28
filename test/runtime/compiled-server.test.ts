// The server as `npm start` runs it: compiled to JavaScript (scripts/build.mjs), one node process without tsx that
// builds a missing index in a child and never loads nodejieba itself.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AskResponse } from '../../server/contract.js';

const running: ChildProcess[] = [];
afterAll(() => running.forEach((c) => c.kill('SIGKILL')));

/** Starts the compiled server on a free port with an empty index folder; resolves once it serves. */
function startCompiled(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', 'server'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the server failed: ${build.stderr}`);
  const temp = mkdtempSync(join(tmpdir(), 'qa-compiled-'));
  const child = spawn(process.execPath, ['dist/server/runtime/node.js'], {
    env: { ...process.env, PORT: '0', DATA_DIR: join(temp, 'data'), INDEX_DIR: join(temp, 'index'), ADMIN_TOKEN: 'a-long-enough-staff-token' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const serving = /serving on (http:\/\/[^ ]+)/.exec(output);
      if (serving) resolve({ child, url: serving[1]!, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the compiled server exited with ${code}:\n${output}`)));
  });
}

describe('the compiled server (npm start)', () => {
  it('builds the missing index in a child, answers and publishes, and never loads nodejieba or tsx itself', async () => {
    const { child, url, output } = await startCompiled();
    const res = await fetch(`${url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: '投诉监察科的电话是多少？' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as AskResponse).answer).toContain('6958028');
    expect(output()).toMatch(/index\.built/);
    // It is already building: telling the user to run the build would be noise.
    expect(output()).not.toMatch(/npm run build:index/);
    const maps = readFileSync(`/proc/${child.pid}/maps`, 'utf8');
    expect(maps).not.toMatch(/nodejieba\.node/);
    expect(readFileSync(`/proc/${child.pid}/cmdline`, 'utf8')).not.toMatch(/tsx/);
    expect((await fetch(`${url}/favicon.ico`)).status).toBe(204);

    // Publishing runs the compiled report reader and index build as children too.
    const content = readFileSync('test/fixtures/reports/sample-2016-gkbg.txt').toString('base64');
    const published = await fetch(`${url}/api/admin/reports`, {
      method: 'POST',
      headers: { authorization: 'Bearer a-long-enough-staff-token', 'content-type': 'application/json' },
      body: JSON.stringify({ files: [{ name: 'sample-2016-gkbg.txt', content }] }),
    });
    expect(published.status).toBe(201);
    const answer = (await (await fetch(`${url}/api/ask?q=${encodeURIComponent('开通了什么微信公众号')}`)).json()) as AskResponse;
    expect(answer.answer).toContain('示例政务服务');
    expect(readFileSync(`/proc/${child.pid}/maps`, 'utf8')).not.toMatch(/nodejieba\.node/);
  }, 120_000);
});
