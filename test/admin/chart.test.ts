// The overview charts' arithmetic: nice axes, stacked daily bars, 100 % share bars and sparse labels.
import { describe, expect, it } from 'vitest';
import { barLength, labelIndexes, layoutDayBars, niceScale, shareSegments } from '../../widget/admin/chart.js';

describe('niceScale', () => {
  it('rounds the top up to a step of 1, 2 or 5 × 10ⁿ with at most four steps', () => {
    expect(niceScale(23)).toEqual({ max: 30, step: 10, ticks: [0, 10, 20, 30] });
    expect(niceScale(7)).toEqual({ max: 8, step: 2, ticks: [0, 2, 4, 6, 8] });
    expect(niceScale(100)).toEqual({ max: 100, step: 50, ticks: [0, 50, 100] });
    expect(niceScale(1234).max).toBe(1500);
  });

  it('gives an empty chart one whole step, so bars have an axis', () => {
    expect(niceScale(0)).toEqual({ max: 1, step: 1, ticks: [0, 1] });
    expect(niceScale(Number.NaN).max).toBe(1);
  });

  it('never steps by less than one question', () => {
    expect(niceScale(2).step).toBe(1);
  });
});

describe('layoutDayBars', () => {
  const plot = { left: 0, top: 0, width: 100, height: 100 };

  it('stacks reports, FAQ and unanswered from the baseline in equal columns', () => {
    const [bar] = layoutDayBars([{ date: '2024-05-01', corpus: 2, faq: 1, none: 1 }], plot, niceScale(4), 0);
    expect(bar!.total).toBe(4);
    expect(bar!.segments.map((s) => [s.kind, s.y, s.height])).toEqual([
      ['corpus', 50, 50],
      ['faq', 25, 25],
      ['none', 0, 25],
    ]);
    expect(bar!.segments[0]!.width).toBe(100);
  });

  it('draws no segment for a day without questions, and nothing for no days', () => {
    const bars = layoutDayBars(
      [
        { date: 'a', corpus: 0, faq: 0, none: 0 },
        { date: 'b', corpus: 1, faq: 0, none: 0 },
      ],
      plot,
      niceScale(1),
      0.5,
    );
    expect(bars[0]!.segments).toEqual([]);
    expect(bars[1]!.column).toEqual({ x: 50, y: 0, width: 50, height: 100 });
    expect(bars[1]!.segments[0]).toMatchObject({ x: 62.5, width: 25, height: 100 });
    expect(layoutDayBars([], plot, niceScale(0))).toEqual([]);
  });
});

describe('labelIndexes', () => {
  it('labels every n-th day so at most the given number show, always the last', () => {
    expect(labelIndexes(30, 8)).toEqual([1, 5, 9, 13, 17, 21, 25, 29]);
    expect(labelIndexes(7, 8)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(labelIndexes(0, 8)).toEqual([]);
  });
});

describe('shareSegments', () => {
  it('fills the bar exactly even when the rounded shares do not add up to 1', () => {
    const segments = shareSegments({ corpus: 0.333, faq: 0.333, none: 0.333 });
    expect(segments.map((s) => s.kind)).toEqual(['corpus', 'faq', 'none']);
    const last = segments[2]!;
    expect(last.start + last.share).toBeCloseTo(1, 6);
  });

  it('leaves out kinds with no share, and draws nothing without questions', () => {
    expect(shareSegments({ corpus: 0.5, faq: 0, none: 0.5 })).toEqual([
      { kind: 'corpus', share: 0.5, start: 0 },
      { kind: 'none', share: 0.5, start: 0.5 },
    ]);
    expect(shareSegments({ corpus: 0, faq: 0, none: 0 })).toEqual([]);
  });
});

describe('barLength', () => {
  it('scales to the width, keeps a small value visible and never overflows', () => {
    expect(barLength(5, 10, 100)).toBe(50);
    expect(barLength(1, 1000, 100)).toBe(2);
    expect(barLength(20, 10, 100)).toBe(100);
    expect(barLength(0, 10, 100)).toBe(0);
    expect(barLength(3, 0, 100)).toBe(0);
  });
});
