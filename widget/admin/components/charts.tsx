// Owns the overview's small SVG charts, drawn by hand (no chart library): daily questions as stacked bars, the
// share of each answer kind as one 100 % bar, and a plain bar. Each chart has a text alternative: an accessible
// name that states the numbers, and the same data as a table or list beside it. Imports preact and chart.ts.
import type { AdminOverviewResponse } from '../../../server/contract.js';
import { ANSWER_KINDS, barLength, labelIndexes, layoutDayBars, niceScale, shareSegments, type AnswerKind } from '../chart.js';
import { formatCount, formatDayLabel, formatPercent } from '../format.js';
import { MATCH_NAMES } from '../strings.zh-CN.js';

/** Legend entry of an answer kind: its colour swatch (CSS class) and name. */
export function KindSwatch({ kind }: { kind: AnswerKind }) {
  return <span class={`swatch kind-${kind}`} aria-hidden="true" />;
}

const WIDTH = 720;
const HEIGHT = 220;
const PLOT = { left: 40, top: 12, width: WIDTH - 52, height: HEIGHT - 44 };

/** Questions per day, stacked by how they were answered, with a y axis and sparse day labels. */
export function DailyChart({ days, id }: { days: AdminOverviewResponse['days']; id: string }) {
  const peak = days.reduce((m, d) => Math.max(m, d.total), 0);
  const scale = niceScale(peak, 4);
  const bars = layoutDayBars(days, PLOT, scale);
  const labels = new Set(labelIndexes(days.length, 8));
  const total = days.reduce((s, d) => s + d.total, 0);
  const busiest = days.reduce<(typeof days)[number] | null>((best, d) => (best && best.total >= d.total ? best : d), null);
  const summary =
    total === 0
      ? `近 ${days.length} 天没有提问。`
      : `近 ${days.length} 天共 ${formatCount(total)} 个提问，最多的一天是 ${formatDayLabel(busiest!.date)}（${formatCount(busiest!.total)} 个）。详细数字见下方表格。`;
  const y = (value: number) => PLOT.top + PLOT.height - (scale.max > 0 ? (value / scale.max) * PLOT.height : 0);
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMidYMid meet">
      <title id={`${id}-title`}>每日提问数</title>
      <desc id={`${id}-desc`}>{summary}</desc>
      <g class="axis" aria-hidden="true">
        {scale.ticks.map((t) => (
          <g key={t}>
            <line x1={PLOT.left} x2={PLOT.left + PLOT.width} y1={y(t)} y2={y(t)} class={t === 0 ? 'baseline' : 'gridline'} />
            <text x={PLOT.left - 6} y={y(t) + 4} text-anchor="end">
              {formatCount(t)}
            </text>
          </g>
        ))}
        {bars.map((bar, i) =>
          labels.has(i) ? (
            <text key={bar.date} x={bar.column.x + bar.column.width / 2} y={HEIGHT - 12} text-anchor="middle">
              {formatDayLabel(bar.date)}
            </text>
          ) : null,
        )}
      </g>
      <g aria-hidden="true">
        {bars.map((bar) =>
          bar.segments.map((s) => (
            <rect key={`${bar.date}-${s.kind}`} class={`kind-${s.kind}`} x={s.x} y={s.y} width={s.width} height={s.height}>
              <title>{`${bar.date} ${MATCH_NAMES[s.kind]}：${s.value}`}</title>
            </rect>
          )),
        )}
      </g>
    </svg>
  );
}

/** One bar split by the share of each answer kind, with a legend stating every percentage in text. */
export function ShareBar({ shares, totals }: { shares: AdminOverviewResponse['shares']; totals: AdminOverviewResponse['totals'] }) {
  const segments = shareSegments(shares);
  const label =
    totals.total === 0
      ? '没有提问，无法计算占比。'
      : ANSWER_KINDS.map((k) => `${MATCH_NAMES[k]} ${formatPercent(shares[k])}`).join('，');
  return (
    <div class="share">
      <svg class="share-bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label={`回答来源占比：${label}`}>
        <rect x="0" y="0" width="100" height="8" class="share-empty" />
        {segments.map((s) => (
          <rect key={s.kind} class={`kind-${s.kind}`} x={s.start * 100} y="0" width={s.share * 100} height="8" />
        ))}
      </svg>
      <ul class="legend">
        {ANSWER_KINDS.map((k) => (
          <li key={k}>
            <KindSwatch kind={k} />
            {MATCH_NAMES[k]}：<strong>{formatPercent(shares[k])}</strong>（{formatCount(totals[k])} 个）
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A horizontal bar for a value out of `max` (decorative: the number is always written beside it). */
export function InlineBar({ value, max, kind = 'corpus' }: { value: number; max: number; kind?: AnswerKind | 'helpful' }) {
  return (
    <svg class="inline-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect x="0" y="0" width="100" height="10" class="share-empty" />
      <rect x="0" y="0" width={barLength(value, max, 100)} height="10" class={`kind-${kind}`} />
    </svg>
  );
}
