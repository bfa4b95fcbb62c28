// extractTextTables: tables in text pages — `|`/tab rows, one cell per line, and the template's tables flattened into
// one line, whose digit runs are split only where that is exact and never guessed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFact, readTable } from '../../server/core/tables.js';
import { extractTextTables, type TextItem } from '../../server/core/text-tables.js';

const REPORTS = new URL('../fixtures/corpus-real/reports/', import.meta.url);
const kinds = (items: TextItem[]) => items.map((i) => (i.kind === 'line' ? i.text : 'TABLE'));
const facts = (items: TextItem[]) => items.flatMap((i) => (i.kind === 'table' ? readTable(i.table).facts.map(formatFact) : []));

describe('extractTextTables', () => {
  it('reads a run of | rows as a table, the Markdown rule skipped, the prose around it kept as lines', () => {
    const items = extractTextTables(['前言。', '| 项目 | 数量 |', '|---|---|', '| 行政许可 | 5 |', '| 行政处罚 | 7 |', '后记。']);
    expect(kinds(items)).toEqual(['前言。', 'TABLE', '后记。']);
    expect(facts(items)).toEqual(['行政许可 · 数量：5', '行政处罚 · 数量：7']);
  });

  it('reads tab-separated rows as a table', () => {
    expect(facts(extractTextTables(['项目\t2023\t2024', '申请\t81\t218']))).toEqual(['申请 · 2023：81', '申请 · 2024：218']);
  });

  it('reads a table written one cell per line, with its caption', () => {
    const items = extractTextTables(['第二十条第（一）项', '信息内容', '本年制发件数', '本年废止件数', '现行有效件数', '规章', '0', '0', '3', '行政规范性文件', '2', '1', '15', '结束了。']);
    expect(kinds(items)).toEqual(['TABLE', '结束了。']);
    expect(facts(items)).toEqual([
      '规章 · 本年制发件数：0',
      '规章 · 本年废止件数：0',
      '规章 · 现行有效件数：3',
      '行政规范性文件 · 本年制发件数：2',
      '行政规范性文件 · 本年废止件数：1',
      '行政规范性文件 · 现行有效件数：15',
    ]);
  });

  it('reads the template\'s disclosure blocks flattened into a line, prose before and after kept', () => {
    const items = extractTextTables(['（二）主动公开情况。第二十条第（五）项信息内容本年处理决定数量行政许可10690第二十条第（六）项信息内容本年处理决定数量行政处罚2行政强制0三、收到和处理政府信息公开申请情况']);
    expect(kinds(items)).toEqual(['（二）主动公开情况。', 'TABLE', '三、收到和处理政府信息公开申请情况']);
    expect(facts(items)).toEqual(['行政许可 · 本年处理决定数量：10690', '行政处罚 · 本年处理决定数量：2', '行政强制 · 本年处理决定数量：0']);
  });

  it('splits a flattened run of one digit per column, and never guesses a run that is not exact (申请数量713000074)', () => {
    const items = extractTextTables([
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他' +
        '一、本年新收政府信息公开申请数量713000074二、上年结转政府信息公开申请数量1000001四、政府信息公开行政复议、行政诉讼情况',
    ]);
    const stated = facts(items);
    expect(stated).toContain('二、上年结转政府信息公开申请数量 · 自然人：1');
    expect(stated).toContain('二、上年结转政府信息公开申请数量 · 法人或其他组织 · 商业企业：0');
    expect(stated).toContain('二、上年结转政府信息公开申请数量 · 总计：1');
    expect(stated).toHaveLength(7);
    expect(stated.some((f) => f.includes('本年新收'))).toBe(false);
  });
});

describe('the flattened tables of the 平潭 text pages', () => {
  const read = (file: string) => extractTextTables(readFileSync(new URL(file, REPORTS), 'utf8').split(/\r?\n/));

  it('reads 2022\'s exact cells (行政许可 10690, 部分公开 8+1=9, 行政复议 2) and drops its ambiguous runs', () => {
    const items = read('pingtan-2022.txt');
    expect(items.filter((i) => i.kind === 'table')).toHaveLength(3);
    const stated = facts(items);
    expect(stated).toContain('行政许可 · 本年处理决定数量：10690');
    expect(stated).toContain('规章 · 现行有效件数：0');
    expect(stated).toContain('三、本年度办理结果 · （二）部分公开（区分处理的，只计这一情形，不计其他情形） · 自然人：8');
    expect(stated).toContain('三、本年度办理结果 · （二）部分公开（区分处理的，只计这一情形，不计其他情形） · 总计：9');
    expect(stated).toContain('行政复议 · 总计：2');
    // 「713000074」「370000037」「723000075」「8855698」: more digits than columns, so never split.
    expect(stated.filter((f) => /本年新收|本机关不掌握|（七）总计|行政规范性文件/.test(f))).toEqual([]);
  });

  it('reads 2021\'s 行政许可 2293 and 上年结转 0000000, not its 本年新收 640020470', () => {
    const stated = facts(read('pingtan-2021.txt'));
    expect(stated).toContain('行政许可 · 本年处理决定数量：2293');
    expect(stated).toContain('二、上年结转政府信息公开申请数量 · 总计：0');
    expect(stated.some((f) => f.includes('一、本年新收'))).toBe(false);
  });
});
