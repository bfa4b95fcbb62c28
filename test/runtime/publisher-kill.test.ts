// A server killed during a publish: its build child stops instead of writing on, and the next start removes the
// staging folder it left.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanStaleStaging, createReportPublisher, STAGING_PREFIX } from '../../server/runtime/report-publisher.js';
import { makeCorpus } from '../helpers/corpus.js';

/** Processes whose parent is `ppid`, with their command lines (Linux /proc). */
function childrenOf(ppid: number): Array<{ pid: number; cmdline: string }> {
  const out: Array<{ pid: number; cmdline: string }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the fields after it are fixed.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === ppid) out.push({ pid: Number(name), cmdline: readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie (ended, not yet reaped by its new parent) has ended too.
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function until<T>(what: string, check: () => T | null | undefined | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.skipIf(process.platform !== 'linux')('a publish killed with its server', () => {
  it('ends the build child before it writes the index, and the next start cleans the staging folder', async () => {
    const corpusDir = makeCorpus({ 'mudanjiang-xzfwzx-2015-gkbg.txt': readFileSync('corpus/reports/mudanjiang-xzfwzx-2015-gkbg.txt') });
    const dataDir = mkdtempSync(join(tmpdir(), 'qa-kill-data-'));
    const indexDir = join(mkdtempSync(join(tmpdir(), 'qa-kill-')), 'index');
    const parent = spawn(process.execPath, ['--import', 'tsx', 'test/runtime/publish-parent.ts', corpusDir, dataDir, indexDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    parent.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise((done) => parent.on('exit', done));

    const build = await until('the build child', () => childrenOf(parent.pid!).find((c) => c.cmdline.includes('build-index-cli')), 60_000).catch((e: Error) => {
      throw new Error(`${e.message}; parent stderr: ${stderr}`);
    });
    const staging = await until('the staging folder', () => readdirSync(join(indexDir, '..')).find((n) => n.startsWith(STAGING_PREFIX)), 5_000);
    parent.kill('SIGKILL');
    await exited;

    await until('the build child to end', () => !alive(build.pid), 30_000);
    // It stopped instead of finishing its build into the staging folder.
    expect(existsSync(join(indexDir, '..', staging, 'index', 'index.json'))).toBe(false);
    expect(existsSync(join(indexDir, '..', staging))).toBe(true);

    // The next start (a new publisher over the same folders) removes what the killed one left.
    createReportPublisher({ corpusDir, dataDir, indexDir, index: () => { throw new Error('unused'); }, activate: () => undefined });
    expect(existsSync(join(indexDir, '..', staging))).toBe(false);
    expect(existsSync(join(dataDir, 'reports', 'sample-2016-gkbg.txt'))).toBe(false);
  }, 120_000);

  it('keeps the staging folder of a publish still running in a live process', () => {
    const indexDir = join(mkdtempSync(join(tmpdir(), 'qa-stage-')), 'index');
    const live = join(indexDir, '..', `${STAGING_PREFIX}${process.ppid}-1`);
    const dead = join(indexDir, '..', `${STAGING_PREFIX}999999999-1`);
    for (const dir of [live, dead]) mkdirSync(dir, { recursive: true });
    expect(cleanStaleStaging(indexDir)).toEqual([dead]);
    expect(existsSync(live)).toBe(true);
  });
});

