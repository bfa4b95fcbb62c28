// Agencies: names split into regions and body, the agency a report is of, staff aliases, and the agencies a question
// names — by full name, place root, short forms (审批局, 政务中心) or alias, and names the site does not have.
import { describe, expect, it } from 'vitest';
import {
  agencyInTitle,
  agencyRoots,
  createAgencyDirectory,
  deriveAgency,
  findAgencyMentions,
  parseAliases,
  splitAgencyName,
  type PlaceLexicon,
} from '../../server/core/agencies.js';

/** The place names jieba tags ns that these tests use. */
const PLACES = new Set(['平潭', '襄阳', '栖霞', '牡丹江', '杭州', '滨江', '宜兴', '咸宁', '衡阳']);
const places: PlaceLexicon = { isPlaceName: (w) => PLACES.has(w) };

describe('splitAgencyName and agencyRoots', () => {
  it('splits the regions an agency name starts with from its body, bracketed districts included', () => {
    expect(splitAgencyName('杭州高新区(滨江)行政服务中心')).toEqual({ regions: ['杭州高新区', '滨江'], body: '行政服务中心' });
    expect(splitAgencyName('平潭综合实验区地方税务局')).toEqual({ regions: ['平潭综合实验区'], body: '地方税务局' });
  });

  it('gives each region without its unit as a place root', () => {
    expect(agencyRoots('平潭综合实验区')).toEqual(['平潭']);
    expect(agencyRoots('襄阳市行政审批局')).toEqual(['襄阳']);
    expect(agencyRoots('杭州高新区（滨江）行政服务中心')).toEqual(['杭州', '滨江']);
  });

  it('reads the agency a title names before or after its year', () => {
    expect(agencyInTitle('襄阳市行政审批局2022年政府信息公开工作年度报告')).toBe('襄阳市行政审批局');
    expect(agencyInTitle('2008年度衡阳市政府信息公开工作年度报告')).toBe('衡阳市');
  });

  it('reads no agency from a title that names none: 政府 of 政府信息公开 is the report\'s name', () => {
    expect(agencyInTitle('2022年政府信息公开工作年度报告')).toBeNull();
    expect(agencyInTitle('2022年度政府信息公开工作年度报告')).toBeNull();
    expect(agencyInTitle('2022年度行政审批局政府信息公开工作年度报告')).toBe('行政审批局');
  });
});

describe('deriveAgency', () => {
  const evidence = (e: Partial<Parameters<typeof deriveAgency>[0]>) => ({ title: '', issuer: null, signoff: null, text: '', ...e });

  it('takes the title\'s agency when it names a place, over the issuer of a roll-up report', () => {
    expect(deriveAgency(evidence({ title: '平潭综合实验区2023年度政府信息公开工作年度报告', issuer: '平潭综合实验区管委会办公室' }), places)).toBe('平潭综合实验区');
  });

  it('completes a title\'s agency without a place from the sign-off that ends with it', () => {
    expect(deriveAgency(evidence({ title: '行政服务中心2022年政府信息公开工作年度报告', signoff: '牡丹江市行政服务中心 2023年1月' }), places)).toBe('牡丹江市行政服务中心');
  });

  it('takes the sign-off when the title names no agency, never 政府 from 政府信息公开', () => {
    expect(deriveAgency(evidence({ title: '2022年政府信息公开工作年度报告', signoff: '行政服务中心' }), places)).toBe('行政服务中心');
  });

  it('takes the organisation the text names most, as a sentence subject', () => {
    const text = '2022年，市行政审批局认真贯彻《条例》。襄阳市行政审批局积极推进政务公开。市行政审批局扎实开展工作。';
    expect(deriveAgency(evidence({ title: '2022年政府信息公开工作年度报告', text }), places)).toBe('襄阳市行政审批局');
  });

  it('places a bare 市…局 in the city the text names', () => {
    const text = '2022年，市政务服务和大数据管理局认真贯彻《条例》，咸宁市持续推进政务公开。';
    expect(deriveAgency(evidence({ title: '2022年政府信息公开工作年度报告', text }), places)).toBe('咸宁市政务服务和大数据管理局');
  });
});

describe('parseAliases and createAgencyDirectory', () => {
  it('reads one agency a line, its aliases after it, comments dropped', () => {
    expect(parseAliases('# 别名\n牡丹江市行政服务中心 市政务大厅，牡丹江政务中心  # 大厅\n\n')).toEqual(new Map([['牡丹江市行政服务中心', ['市政务大厅', '牡丹江政务中心']]]));
  });

  it('refuses a line with a name and no alias, naming the line', () => {
    expect(() => parseAliases('襄阳市行政审批局 襄阳审批局\n牡丹江市行政服务中心\n')).toThrow(/aliases line 2/);
  });

  it('groups documents by agency, attaches aliases, and marks documents of no agency -1', () => {
    const dir = createAgencyDirectory(['平潭综合实验区', '襄阳市行政审批局', '平潭综合实验区', null], new Map([['襄阳市行政审批局', ['襄阳审批']]]));
    expect(dir.byDoc).toEqual([0, 1, 0, -1]);
    expect(dir.agencies).toEqual([
      { name: '平潭综合实验区', roots: ['平潭'], aliases: [], docs: [0, 2] },
      { name: '襄阳市行政审批局', roots: ['襄阳'], aliases: ['襄阳审批'], docs: [1] },
    ]);
  });
});

describe('findAgencyMentions', () => {
  const dir = createAgencyDirectory(
    ['平潭综合实验区', '襄阳市行政审批局', '牡丹江市行政服务中心', '平潭综合实验区地方税务局', '宜兴市教育局'],
    parseAliases('牡丹江市行政服务中心 市政务大厅\n'),
  );
  const mentions = (q: string) => findAgencyMentions(q, dir, places).map((m) => [m.text, m.agencies]);

  it('finds an agency by its place root alone (牡丹江 → 牡丹江市…), the closest name first', () => {
    expect(mentions('牡丹江的电话')).toEqual([['牡丹江', [2]]]);
    expect(mentions('平潭2023年收到多少申请')).toEqual([['平潭', [0, 3]]]);
  });

  it('extends a root by the characters of the name that follow in order (平潭实验区, 平潭地税局, 襄阳审批局)', () => {
    expect(mentions('平潭实验区')).toEqual([['平潭实验区', [0, 3]]]);
    expect(mentions('平潭地税局的报告')).toEqual([['平潭地税局', [3]]]);
    expect(mentions('襄阳审批局去年')).toEqual([['襄阳审批局', [1]]]);
  });

  it('finds a short form of the body: 审批局 for 行政审批局, 政务中心 for 行政服务中心', () => {
    expect(mentions('审批局受理多少件')).toEqual([['审批局', [1]]]);
    expect(mentions('政务中心电话')).toEqual([['政务中心', [2]]]);
  });

  it('finds a staff alias', () => {
    expect(mentions('市政务大厅在哪')).toEqual([['市政务大厅', [2]]]);
  });

  it('reads a short form after a place the site has no such agency of as an agency the site lacks (栖霞审批局, 平潭教育局)', () => {
    expect(mentions('栖霞审批局有多少申请')).toEqual([['栖霞审批局', []]]);
    expect(mentions('平潭教育局有多少申请')).toEqual([['平潭教育局', []]]);
  });

  it('gives where the mention is in the question', () => {
    expect(findAgencyMentions('请问襄阳审批局', dir, places)).toEqual([{ start: 2, end: 7, text: '襄阳审批局', agencies: [1] }]);
  });
});
