// readYears: the years a question names, written out, in Chinese numerals, as two digits, or relative to today.
import { describe, expect, it } from 'vitest';
import { readYears } from '../../server/core/years.js';

const today = new Date('2025-06-01T00:00:00Z');
const years = (q: string) => readYears(q, today).map((m) => m.year);

describe('readYears', () => {
  it('reads a four-digit year before 年 or 年度, with where the question says it', () => {
    expect(readYears('2015年行政许可多少件', today)).toEqual([{ year: 2015, start: 0, end: 4 }]);
    expect(years('平潭2023年度依申请公开')).toEqual([2023]);
  });

  it('reads 二〇一五年 and 二零一五年度 in Chinese numerals', () => {
    expect(readYears('二〇一五年收到多少申请', today)).toEqual([{ year: 2015, start: 0, end: 4 }]);
    expect(years('二零一五年度报告')).toEqual([2015]);
    expect(years('二〇二三年')).toEqual([2023]);
  });

  it('reads a two-digit year: 15年 and 22年度', () => {
    expect(years('15年的报告')).toEqual([2015]);
    expect(years('22年度收到多少申请')).toEqual([2022]);
  });

  it('does not read a duration as a year: 15年来, 近15年, 工作15年以来', () => {
    expect(years('15年来政务公开')).toEqual([]);
    expect(years('近15年的情况')).toEqual([]);
    expect(years('工作15年以来')).toEqual([]);
  });

  it('counts 今年, 去年, 上一年 and 前年 back from the date asked, and says so', () => {
    expect(readYears('今年', today)).toEqual([{ year: 2025, start: 0, end: 2, relative: { word: '今年', yearsBack: 0 } }]);
    expect(readYears('去年的报告', today)[0]).toMatchObject({ year: 2024, relative: { word: '去年', yearsBack: 1 } });
    expect(readYears('上一年', today)[0]).toMatchObject({ year: 2024, relative: { word: '上一年', yearsBack: 1 } });
    expect(readYears('前年', today)[0]).toMatchObject({ year: 2023, relative: { word: '前年', yearsBack: 2 } });
    expect(years('去年')).not.toEqual(readYears('去年', new Date('2020-01-01T00:00:00Z')).map((m) => m.year));
  });

  it('returns several years in the order the question names them', () => {
    expect(years('2016年和二〇一五年相比，去年呢')).toEqual([2016, 2015, 2024]);
  });
});
