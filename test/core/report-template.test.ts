// The national template (国办公开办函〔2021〕30号 and its 2019 predecessor) as data: headings, the 主动公开 blocks, the
// applications and review tables' rows and columns, and the words that head a label column or mark a total.
import { describe, expect, it } from 'vitest';
import { DISCLOSURE_BLOCKS, LABEL_COLUMN_HEADS, TEMPLATE_HEADINGS, TEMPLATE_TABLES, TOTAL_LABELS } from '../../server/core/report-template.js';

describe('the report template', () => {
  it('knows the six headings of the 2021 template and the 2019 wording of 四、', () => {
    for (const h of ['总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况', '存在的主要问题及改进情况', '其他需要报告的事项']) {
      expect(TEMPLATE_HEADINGS).toContain(h);
    }
    expect(TEMPLATE_HEADINGS).toContain('因政府信息公开申请行政复议、提起行政诉讼的情况');
  });

  it('gives each 主动公开 block its caption, value columns and rows, 2021 wording first', () => {
    expect(DISCLOSURE_BLOCKS[0]).toEqual({ caption: '第二十条第（一）项', columns: ['本年制发件数', '本年废止件数', '现行有效件数'], rows: ['规章', '行政规范性文件'] });
    expect(DISCLOSURE_BLOCKS[1]).toEqual({ caption: '第二十条第（五）项', columns: ['本年处理决定数量'], rows: ['行政许可'] });
    expect(DISCLOSURE_BLOCKS.find((b) => b.caption === '第二十条第（八）项')?.columns).toEqual(['本年收费金额（单位：万元）']);
    expect(DISCLOSURE_BLOCKS.find((b) => b.columns.includes('采购总金额'))?.rows).toEqual(['政府集中采购']);
  });

  it('gives the applications table seven applicant columns and its 26 rows, nested with ›', () => {
    const [applications, reviews] = TEMPLATE_TABLES;
    expect(applications!.columns).toHaveLength(7);
    expect(applications!.columns[1]).toEqual(['法人或其他组织', '商业企业']);
    expect(applications!.columns[6]).toEqual(['总计']);
    expect(applications!.rows).toHaveLength(26);
    expect(applications!.rows[0]).toBe('一、本年新收政府信息公开申请数量');
    expect(applications!.rows).toContain('三、本年度办理结果 › （四）无法提供 › 1.本机关不掌握相关政府信息');
    expect(applications!.rows.at(-1)).toBe('四、结转下年度继续办理');
    expect(reviews!.columns).toHaveLength(15);
    expect(reviews!.columns[4]).toEqual(['行政复议', '总计']);
    expect(reviews!.columns[14]).toEqual(['行政诉讼', '复议后起诉', '总计']);
  });

  it('marks 总计/合计 rows, numbered or not, as totals, and nothing that merely starts with them', () => {
    expect(['总计', '（七）总计', '(七)总计', '三、合计', '小计'].every((l) => TOTAL_LABELS.test(l))).toBe(true);
    expect(['总计划', '合计数量说明', '（七）总计情况'].some((l) => TOTAL_LABELS.test(l))).toBe(false);
    expect(LABEL_COLUMN_HEADS).toContain('信息内容');
  });
});
