// readTable: a grid of cells with rowspan/colspan read into facts (row labels, column labels, caption, value), totals
// checked against their parts, and facts stated as 「labels · …：value」; on inline tables and the saved 平潭 pages.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readHtmlPage } from '../../server/core/html-page.js';
import { checkTotals, formatFact, isValueText, readTable, type TableCell, type TableFact } from '../../server/core/tables.js';

const c = (text: string, rowspan = 1, colspan = 1): TableCell => ({ text, rowspan, colspan });
const REPORTS = new URL('../fixtures/corpus-real/reports/', import.meta.url);

/** The 三、收到和处理政府信息公开申请情况 table, its header three rows deep, cut to two applicant columns. */
const applications = {
  rows: [
    [c('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 3), c('申请人情况', 1, 4)],
    [c('自然人', 2), c('法人或其他组织', 1, 2), c('总计', 2)],
    [c('商业企业'), c('其他')],
    [c('一、本年新收政府信息公开申请数量', 1, 3), c('80'), c('1'), c('0'), c('81')],
    [c('三、本年度办理结果', 3), c('（一）予以公开', 1, 2), c('20'), c('1'), c('0'), c('21')],
    [c('（四）无法提供', 2), c('1.本机关不掌握相关政府信息'), c('31'), c('0'), c('0'), c('31')],
    [c('2.没有现成信息需要另行制作'), c('5'), c('0'), c('0'), c('6')],
  ],
};

describe('readTable', () => {
  const { facts, warnings } = readTable(applications);
  const find = (row: string, column: string) => facts.find((f) => f.rowLabels.at(-1) === row && f.columnLabels.at(-1) === column);

  it('gives each value its row labels, outermost first, through rowspans', () => {
    expect(find('1.本机关不掌握相关政府信息', '自然人')).toEqual({
      row: 5,
      rowLabels: ['三、本年度办理结果', '（四）无法提供', '1.本机关不掌握相关政府信息'],
      columnLabels: ['自然人'],
      caption: null,
      value: '31',
    });
    expect(find('2.没有现成信息需要另行制作', '总计')?.rowLabels).toEqual(['三、本年度办理结果', '（四）无法提供', '2.没有现成信息需要另行制作']);
  });

  it('gives each value its column labels top down through colspans, without the label over every column', () => {
    expect(find('一、本年新收政府信息公开申请数量', '商业企业')?.columnLabels).toEqual(['法人或其他组织', '商业企业']);
    expect(find('一、本年新收政府信息公开申请数量', '总计')?.value).toBe('81');
    expect(facts.some((f) => f.columnLabels.includes('申请人情况'))).toBe(false);
    expect(facts).toHaveLength(16);
  });

  it('warns when a total column differs from the sum of its row\'s parts', () => {
    expect(warnings).toEqual(['「三、本年度办理结果 · （四）无法提供 · 2.没有现成信息需要另行制作 · 总计：6」与各项之和 5 不符（3 项）']);
  });

  it('names each value by the caption of its block and drops the label-column head 信息内容', () => {
    const disclosure = readTable({
      rows: [
        [c('第二十条第（一）项', 1, 4)],
        [c('信息内容'), c('本年制发件数'), c('本年废止件数'), c('现行有效件数')],
        [c('规章'), c('0'), c('0'), c('3')],
        [c('第二十条第（五）项', 1, 4)],
        [c('信息内容'), c('本年处理决定数量', 1, 3)],
        [c('行政许可'), c('2629', 1, 3)],
      ],
    });
    expect(disclosure.facts.map((f) => [f.caption, formatFact(f)])).toEqual([
      ['第二十条第（一）项', '规章 · 本年制发件数：0'],
      ['第二十条第（一）项', '规章 · 本年废止件数：0'],
      ['第二十条第（一）项', '规章 · 现行有效件数：3'],
      ['第二十条第（五）项', '行政许可 · 本年处理决定数量：2629'],
    ]);
  });

  it('reads a row of years as the header of the columns below it', () => {
    const { facts: byYear } = readTable({ rows: [[c('指标'), c('2023'), c('2024')], [c('申请数量'), c('81'), c('218')]] });
    expect(byYear.map(formatFact)).toEqual(['申请数量 · 2023：81', '申请数量 · 2024：218']);
  });
});

describe('checkTotals', () => {
  const fact = (rowLabels: string[], value: string, row: number): TableFact => ({ row, rowLabels, columnLabels: ['自然人'], caption: null, value });

  it('warns when a total row differs from the sum of the rows under the same parent', () => {
    const facts = [fact(['三、本年度办理结果', '（一）予以公开'], '20', 4), fact(['三、本年度办理结果', '（二）部分公开'], '1', 5), fact(['三、本年度办理结果', '（七）总计'], '25', 6)];
    expect(checkTotals(facts)).toEqual(['「三、本年度办理结果 · （七）总计 · 自然人：25」与各项之和 21 不符（2 项）']);
    facts[2]!.value = '21';
    expect(checkTotals(facts)).toEqual([]);
  });
});

describe('isValueText and formatFact', () => {
  it('takes numbers, thousands separators and percentages for values, anything else for labels', () => {
    expect([isValueText('1,234'), isValueText('12.5%'), isValueText('０'.normalize('NFKC'))]).toEqual([true, true, true]);
    expect([isValueText('约5'), isValueText('—'), isValueText('行政许可')]).toEqual([false, false, false]);
  });

  it('states a fact as its labels joined by · then the value', () => {
    expect(formatFact({ rowLabels: ['一、本年新收政府信息公开申请数量'], columnLabels: ['总计'], value: '30' })).toBe('一、本年新收政府信息公开申请数量 · 总计：30');
  });
});

describe('the template tables of the saved 平潭 pages', () => {
  const factsOf = (file: string) => {
    const page = readHtmlPage(readFileSync(new URL(file, REPORTS), 'utf8'));
    return page.items.flatMap((item) => (item.kind === 'table' ? [readTable(item.table)] : []));
  };
  const stated = (readings: ReturnType<typeof factsOf>) => readings.flatMap((r) => r.facts.map(formatFact));

  it('reads 2023: 行政许可 2629 decisions, 81 new applications, 31 not held, 2 reviews', () => {
    const readings = factsOf('pingtan-2023.html');
    expect(readings.map((r) => r.facts.length)).toEqual([10, 175, 15]);
    expect(readings.flatMap((r) => r.warnings)).toEqual([]);
    const facts = stated(readings);
    expect(facts).toContain('行政许可 · 本年处理决定数量：2629');
    expect(facts).toContain('一、本年新收政府信息公开申请数量 · 总计：81');
    expect(facts).toContain('一、本年新收政府信息公开申请数量 · 自然人：80');
    expect(facts).toContain('三、本年度办理结果 · （四）无法提供 · 1.本机关不掌握相关政府信息 · 总计：31');
    expect(facts).toContain('行政复议 · 总计：2');
  });

  it('reads 2024: 行政许可 4529 decisions, 218 new applications, 7 reviews', () => {
    const facts = stated(factsOf('pingtan-2024.html'));
    expect(facts).toContain('行政许可 · 本年处理决定数量：4529');
    expect(facts).toContain('一、本年新收政府信息公开申请数量 · 总计：218');
    expect(facts).toContain('三、本年度办理结果 · （七）总计 · 总计：218');
    expect(facts).toContain('行政复议 · 总计：7');
  });
});
