// resolveScope on a site of two agencies' reports: named agencies and years, 这份报告, relative years re-anchored to
// the site's newest report, and the refusals when the site has no such agency or year.
import { describe, expect, it } from 'vitest';
import { createAgencyDirectory, findAgencyMentions } from '../../server/core/agencies.js';
import { normalizeText } from '../../server/core/normalize.js';
import { resolveScope, type AskContext } from '../../server/core/scope.js';
import { readYears } from '../../server/core/years.js';

const PLACES = new Set(['平潭', '襄阳', '栖霞']);
const places = { isPlaceName: (w: string) => PLACES.has(w) };
const documents = [
  { title: '平潭综合实验区2023年度政府信息公开工作年度报告', year: 2023 },
  { title: '平潭综合实验区2024年度政府信息公开工作年度报告', year: 2024 },
  { title: '襄阳市行政审批局2022年政府信息公开工作年度报告', year: 2022 },
  { title: '襄阳市行政审批局2023年政府信息公开工作年度报告', year: 2023 },
];
const directory = createAgencyDirectory(['平潭综合实验区', '平潭综合实验区', '襄阳市行政审批局', '襄阳市行政审批局']);
const today = new Date('2026-06-01T00:00:00Z');
const scopeOf = (question: string, context: Partial<AskContext> = {}) => {
  const q = normalizeText(question);
  const ctx = { today, ...context };
  return resolveScope(q, readYears(q, ctx.today), findAgencyMentions(q, directory, places), documents, directory, ctx);
};

describe('resolveScope', () => {
  it('limits a question that names an agency and a year to that agency\'s reports and that year', () => {
    const scope = scopeOf('襄阳审批局2023年行政许可多少');
    expect(scope).toMatchObject({ docs: [2, 3], years: [2023], missingYears: [], agency: 1 });
    expect(scope.refusal).toBeUndefined();
    expect(scope.consumed).toEqual([
      { start: 0, end: 5, replacement: ' ' },
      { start: 5, end: 10, replacement: ' 2023年 ' },
    ]);
  });

  it('refuses an agency the site has no reports of, naming the agencies it has', () => {
    const scope = scopeOf('栖霞审批局2023年行政许可多少');
    expect(scope.docs).toEqual([]);
    expect(scope.refusal).toEqual({ reason: 'agency-unknown', message: '本站没有「栖霞审批局」的报告。本站发布的是平潭综合实验区、襄阳市行政审批局的报告。' });
  });

  it('takes 这份报告 as the page\'s report', () => {
    expect(scopeOf('这份报告有多少申请', { pageDoc: 0 })).toMatchObject({ docs: [0], agency: 0, notes: [] });
  });

  it('takes 本报告 off a report page as the newest report in scope, and says so', () => {
    expect(scopeOf('这份报告有多少申请')).toMatchObject({ docs: [1], notes: ['按最新的报告《平潭综合实验区2024年度政府信息公开工作年度报告》回答'] });
    expect(scopeOf('本报告里审批局的申请')).toMatchObject({ docs: [3], agency: 1, notes: ['按最新的报告《襄阳市行政审批局2023年政府信息公开工作年度报告》回答'] });
  });

  it('answers a question naming no agency from the site\'s agency', () => {
    expect(scopeOf('收到多少申请', { siteAgency: 1 })).toMatchObject({ docs: [2, 3], agency: 1, years: [] });
    expect(scopeOf('2023年收到多少申请')).toMatchObject({ docs: null, agency: null, years: [2023] });
  });

  it('re-anchors 去年 and 前年 to the newest report when the site has none of that year, with a note', () => {
    expect(scopeOf('去年收到多少申请', { siteAgency: 0 })).toMatchObject({ years: [2024], missingYears: [], notes: ['「去年」按本站最新的2024年报告理解'] });
    const later = scopeOf('前年收到多少申请', { siteAgency: 0, today: new Date('2027-03-01T00:00:00Z') });
    expect(later).toMatchObject({ years: [2023], notes: ['「前年」按本站最新的2023年报告理解'] });
  });

  it('keeps a relative year the site has, noting the year it took', () => {
    expect(scopeOf('前年收到多少申请', { siteAgency: 0 })).toMatchObject({ years: [2024], notes: ['「前年」按2024年理解'] });
  });

  it('refuses a year no report in scope is of, naming the years there are', () => {
    const scope = scopeOf('襄阳审批局2024年收到多少申请');
    expect(scope.missingYears).toEqual([2024]);
    expect(scope.refusal).toEqual({ reason: 'year-missing', message: '本站没有襄阳市行政审批局2024年的报告，现有2022、2023年的报告。' });
    expect(scopeOf('平潭15年行政许可').refusal?.message).toBe('本站没有平潭综合实验区2015年的报告，现有2023、2024年的报告。');
  });
});
