// Owns the shape of a bench run's results (what bench/last-results.json holds) and the machine description.
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';
import type { FixtureFile } from './fixtures.js';
import type { HotFunction } from './profile.js';
import type { QualityRow } from './quality.js';
import type { ScaleResult } from './scale.js';
import type { SizeRow } from './sizes.js';
import type { ThroughputRow } from './throughput.js';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryBytes: number;
  os: string;
  node: string;
  /** 1-minute load average when the run started: other work on a shared machine. */
  loadAverage: number;
}

export function describeMachine(): MachineInfo {
  return {
    cpu: cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryBytes: totalmem(),
    os: `${type()} ${release()}`,
    node: process.version,
    loadAverage: loadavg()[0] ?? 0,
  };
}

export function formatMachine(m: MachineInfo): string {
  return `${m.cpu}, ${m.cores} cores, ${(m.memoryBytes / 1e9).toFixed(0)} GB, ${m.os}, Node ${m.node}, load average ${m.loadAverage.toFixed(2)} at start`;
}

/** The figures the quick guard compares: our quality score and in-process latency on the default corpus. */
export interface GuardFigures {
  score: number;
  passed: number;
  total: number;
  perSet: Record<FixtureFile, { passed: number; total: number }>;
  p50Ms: number;
  p99Ms: number;
}

export interface BenchResults {
  recordedAt: string;
  command: string;
  machine: MachineInfo;
  durationMs: number;
  guard: GuardFigures;
  quality: { rows: QualityRow[]; questions: number; rounds: number; passages: number };
  /** The same side by side on the real reports beside the default one (test/fixtures/corpus-real). */
  realQuality?: { rows: QualityRow[]; questions: number; rounds: number; passages: number; reports: number };
  scale: ScaleResult & { questionsPerCorpus: number; rounds: number; coldRuns: number };
  throughput: {
    rows: ThroughputRow[];
    questions: number;
    /** Where the Node server spends its time under ask load (CPU profile, start-up excluded). */
    profile: HotFunction[];
    /** The same with its database on tmpfs (disk syncs free). */
    profileNoSync?: HotFunction[];
  };
  sizes: SizeRow[];
}
