// Owns reading V8 CPU profiles (`node --cpu-prof`): the functions that take the time, by self and by total time.
// `tsx bench/profile.ts <file.cpuprofile> [filter]` prints them; the bench uses it to explain a missed goal.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** A function's share of the profiled time. */
export interface HotFunction {
  name: string;
  /** `file:line` (just the file for TypeScript), relative to the working directory; `(native)` for native code. */
  location: string;
  selfMs: number;
  /** Time with everything it calls (counted once per sample even when recursive). */
  totalMs: number;
  selfShare: number;
  totalShare: number;
}

function locationOf(frame: ProfileNode['callFrame']): string {
  const url = frame.url.replace(/^file:\/\//, '');
  if (!url) return '(native)';
  const path = url.startsWith('/') ? relative(process.cwd(), url) : url;
  // tsx compiles TypeScript without line-preserving maps the profiler could use: a line there would mislead.
  return /\.tsx?$/.test(path) ? path : `${path}:${frame.lineNumber + 1}`;
}

/**
 * Self and total time per function of a CPU profile, hottest first (by total when `by` is 'total').
 *
 * @param within - keep only samples whose stack passes through a function of this name (e.g. answerFromCorpus),
 * so start-up and harness time do not dilute the shares; `exclude` drops samples passing through any of these
 * (e.g. `main` and module evaluation, to keep a server's request handling only).
 */
export function hotFunctions(
  file: string,
  options: { within?: string; exclude?: string[]; by?: 'self' | 'total'; limit?: number } = {},
): HotFunction[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}\t${locationOf(n.callFrame)}`;

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((sample, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const stack: ProfileNode[] = [];
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) stack.push(byId.get(id)!);
    if (options.within && !stack.some((n) => n.callFrame.functionName === options.within)) return;
    if (options.exclude && stack.some((n) => options.exclude!.includes(n.callFrame.functionName))) return;
    const leaf = stack[0]!;
    if (leaf.callFrame.functionName === '(idle)' || leaf.callFrame.functionName === '(program)') return;
    all += ms;
    self.set(key(leaf), (self.get(key(leaf)) ?? 0) + ms);
    for (const k of new Set(stack.map(key))) total.set(k, (total.get(k) ?? 0) + ms);
  });
  const rows = [...total.keys()].map((k) => {
    const [name, location] = k.split('\t') as [string, string];
    const s = self.get(k) ?? 0;
    const t = total.get(k) ?? 0;
    return { name, location, selfMs: s, totalMs: t, selfShare: all ? s / all : 0, totalShare: all ? t / all : 0 };
  });
  rows.sort((a, b) => (options.by === 'total' ? b.totalMs - a.totalMs : b.selfMs - a.selfMs));
  return rows.slice(0, options.limit ?? 15);
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const [file, within] = process.argv.slice(2);
  if (!file) {
    console.error('usage: tsx bench/profile.ts <file.cpuprofile> [function to restrict to, e.g. answerFromCorpus]');
    process.exit(2);
  }
  for (const by of ['self', 'total'] as const) {
    console.log(`\nby ${by} time${within ? ` (samples inside ${within})` : ''}:`);
    for (const h of hotFunctions(file, { ...(within ? { within } : {}), by, limit: 20 })) {
      console.log(
        `${(h.selfShare * 100).toFixed(1).padStart(5)}% self ${(h.totalShare * 100).toFixed(1).padStart(5)}% total  ${h.name}  ${h.location}`,
      );
    }
  }
}
