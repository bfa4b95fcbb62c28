// Owns the arithmetic of the overview's hand-drawn SVG charts: axis scales, stacked bars, share segments. Pure
// functions over numbers; the components only turn the results into <rect>s. Imports nothing.

/** A value axis from 0: its top, the step between ticks and the tick values (0 included). */
export interface Scale {
  max: number;
  step: number;
  ticks: number[];
}

/**
 * A value axis from 0 that holds `max` with at most `maxTicks` steps of a "nice" size (1, 2 or 5 × 10ⁿ, never
 * below `minStep`). An empty chart (max ≤ 0) still gets one step, so bars have a scale to sit on.
 *
 * @example niceScale(23) → { max: 30, step: 10, ticks: [0, 10, 20, 30] }
 */
export function niceScale(max: number, maxTicks = 4, minStep = 1): Scale {
  const top = Number.isFinite(max) && max > 0 ? max : 0;
  const raw = Math.max(top / Math.max(1, maxTicks), minStep);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * magnitude).find((s) => s >= raw - 1e-9) ?? 10 * magnitude;
  const steps = Math.max(1, Math.ceil(top / step - 1e-9));
  const ticks = Array.from({ length: steps + 1 }, (_, i) => round(i * step));
  return { max: round(steps * step), step, ticks };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** A rectangle in SVG user units. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One day of questions split by how they were answered. */
export interface DayCounts {
  date: string;
  faq: number;
  corpus: number;
  none: number;
}

/** The answer kinds in the order they stack (bottom first) and appear in legends. */
export const ANSWER_KINDS = ['corpus', 'faq', 'none'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

/** Where one day's stacked bar goes: the whole column and one segment per non-empty kind. */
export interface DayBar {
  date: string;
  total: number;
  column: Rect;
  segments: Array<{ kind: AnswerKind; value: number } & Rect>;
}

/** The plot area inside the SVG. */
export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Lays out stacked daily bars in `plot`: equal columns with `gapRatio` of each left empty, heights on `scale`,
 * segments stacked from the baseline in {@link ANSWER_KINDS} order.
 */
export function layoutDayBars(days: DayCounts[], plot: PlotArea, scale: Scale, gapRatio = 0.25): DayBar[] {
  if (days.length === 0) return [];
  const columnWidth = plot.width / days.length;
  const barWidth = Math.max(1, columnWidth * (1 - gapRatio));
  const baseline = plot.top + plot.height;
  const unit = scale.max > 0 ? plot.height / scale.max : 0;
  return days.map((day, i) => {
    const x = plot.left + i * columnWidth + (columnWidth - barWidth) / 2;
    let y = baseline;
    const segments: DayBar['segments'] = [];
    for (const kind of ANSWER_KINDS) {
      const value = Math.max(0, day[kind]);
      if (value === 0) continue;
      const height = value * unit;
      y -= height;
      segments.push({ kind, value, x: round(x), y: round(y), width: round(barWidth), height: round(height) });
    }
    const total = ANSWER_KINDS.reduce((sum, kind) => sum + Math.max(0, day[kind]), 0);
    return { date: day.date, total, column: { x: round(plot.left + i * columnWidth), y: plot.top, width: round(columnWidth), height: plot.height }, segments };
  });
}

/** Which x-axis labels to draw so at most `maxLabels` show: every n-th, always including the last. */
export function labelIndexes(count: number, maxLabels: number): number[] {
  if (count <= 0) return [];
  const every = Math.max(1, Math.ceil(count / Math.max(1, maxLabels)));
  const out: number[] = [];
  for (let i = count - 1; i >= 0; i -= every) out.unshift(i);
  return out;
}

/** A piece of a 100 % bar: where it starts and how much of the bar it takes (both 0–1). */
export interface ShareSegment {
  kind: AnswerKind;
  share: number;
  start: number;
}

/**
 * Splits a 100 % bar by the shares of each kind, normalised so the pieces always fill the bar exactly (the API's
 * shares are rounded to 0.001); kinds with no share are left out; no questions at all gives no pieces.
 */
export function shareSegments(shares: Record<AnswerKind, number>): ShareSegment[] {
  const total = ANSWER_KINDS.reduce((sum, kind) => sum + Math.max(0, shares[kind] || 0), 0);
  if (total <= 0) return [];
  let start = 0;
  const out: ShareSegment[] = [];
  for (const kind of ANSWER_KINDS) {
    const share = Math.max(0, shares[kind] || 0) / total;
    if (share === 0) continue;
    out.push({ kind, share: round(share), start: round(start) });
    start += share;
  }
  return out;
}

/** Width of a bar for `value` out of `max` in `width` units; a non-zero value stays visible (at least 2 units). */
export function barLength(value: number, max: number, width: number): number {
  if (!(max > 0) || !(value > 0)) return 0;
  return round(Math.max(2, Math.min(1, value / max) * width));
}
