// Owns the arithmetic of the benchmarks: percentiles, medians of per-pair ratios, timing and formatting; no I/O.

/** The value below which `p` percent of `values` lie (nearest rank). 0 for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Median of the ratios a[i] / b[i] of rounds measured side by side.
 *
 * @remarks The machines these run on drift several-fold within minutes; a ratio of two figures taken back to back
 * cancels most of the drift, and the median discards the pairs a burst of other load fell into.
 */
export function medianRatio(a: readonly number[], b: readonly number[]): number {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (b[i]! > 0) ratios.push(a[i]! / b[i]!);
  return median(ratios);
}

/** Milliseconds a synchronous or asynchronous call takes, with its result. */
export async function timeCall<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Formats milliseconds with a sensible precision (0.042 ms, 1.3 ms, 950 ms, 12.4 s). */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 0.1) return `${ms.toFixed(3)} ms`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Formats a byte count in decimal units (kB, MB), the units the goals are stated in. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'not built';
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** Formats a ratio as 「×1.23」. */
export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `×${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}` : '–';
}

/** A seeded pseudo-random generator (mulberry32): the synthetic corpus must be the same on every run. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rotates a list by `by` places (so that no side of an interleaved comparison always runs first). */
export function rotate<T>(items: readonly T[], by: number): T[] {
  const k = ((by % items.length) + items.length) % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
