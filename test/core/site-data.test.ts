// The site data's pure parts: the agency list staff see (short forms checked against the robot's own reading of a
// question) and the checks of what staff send.
import { describe, expect, it } from 'vitest';
import { createAgencyDirectory, findAgencyMentions } from '../../server/core/agencies.js';
import { agencyCandidates, checkAliasesText, checkSiteInput, isPhoneNumber, listAgencyForms } from '../../server/core/site-data.js';
import { loadCorpus } from '../helpers/corpus.js';

const places = loadCorpus().dictionary;

describe('listAgencyForms', () => {
  it('lists the short forms a question may name an agency by: its place, its body and their shortenings (审批局)', () => {
    const directory = createAgencyDirectory(['襄阳市行政审批局', '平潭综合实验区地方税务局']);
    const [xiangyang, pingtan] = listAgencyForms(directory, places);
    expect(xiangyang!.shortForms).toEqual(expect.arrayContaining(['襄阳', '审批局', '行政审批局', '襄阳审批局']));
    expect(pingtan!.shortForms).toEqual(expect.arrayContaining(['平潭', '税务局', '平潭税务局']));
    // Every listed form is read, whole, as that agency.
    for (const [a, agency] of [xiangyang!, pingtan!].entries()) {
      for (const form of agency.shortForms) expect(findAgencyMentions(form, directory, places)[0]).toMatchObject({ start: 0, end: form.length, agencies: [a] });
    }
  });

  it('leaves out a body two agencies share (审批局 of 襄阳 and 栖霞): it names neither alone', () => {
    const directory = createAgencyDirectory(['襄阳市行政审批局', '栖霞区行政审批局']);
    const forms = listAgencyForms(directory, places).map((a) => a.shortForms);
    expect(forms[1]).not.toContain('审批局');
    expect(forms[1]).toContain('栖霞审批局');
  });
});

describe('site data checks', () => {
  it('reads an aliases text and names the line of a name without aliases', () => {
    expect(checkAliasesText('牡丹江市行政服务中心 江城大厅')).toEqual({ ok: true, text: '牡丹江市行政服务中心 江城大厅\n', lines: 1 });
    expect(checkAliasesText('# 注释\n\n牡丹江市行政服务中心')).toMatchObject({ ok: false, code: 'invalid_aliases', message: expect.stringContaining('line 3') });
  });

  it('takes phone numbers as citizens dial them and nothing else', () => {
    for (const phone of ['0453-6958002', '0851—86893715', '12345', '(0453) 695 8002', '400-123-4567']) expect(isPhoneNumber(phone)).toBe(true);
    for (const phone of ['《索引号 0', '1234', 'tel:12345', '电话']) expect(isPhoneNumber(phone)).toBe(false);
  });

  it('keeps a contact address, hours and an http(s) web address; an empty agency means the default report’s', () => {
    const checked = checkSiteInput({ siteName: ' 某站 ', agency: '', contacts: [{ label: '咨询', phone: '12345', hours: '工作日', web: 'https://a.gov.cn/' }] });
    expect(checked).toEqual({ ok: true, site: { siteName: '某站', agency: null, contacts: [{ label: '咨询', phone: '12345', hours: '工作日', web: 'https://a.gov.cn/' }] } });
  });
});

describe('listAgencyForms on a site of many agencies', () => {
  it('lists the same forms as reading every candidate against every agency (the filter only skips agencies a form cannot name)', () => {
    const regions = ['襄阳市', '平潭综合实验区', '牡丹江市', '栖霞区', '宜兴市', '硚口区'];
    const bodies = ['行政审批局', '政务服务中心', '卫生健康委员会', '教育局', '地方税务局', '人民政府办公室', '审计局', '统计局', '行政服务中心', '公共资源交易中心'];
    const directory = createAgencyDirectory(regions.flatMap((p) => bodies.map((b) => `${p}${b}`)), new Map([['襄阳市行政审批局', ['襄阳市民中心']]]));
    const expected = directory.agencies.map((agency, a) =>
      agencyCandidates(agency)
        .filter((c) => {
          const m = findAgencyMentions(c, directory, places);
          return m.length === 1 && m[0]!.start === 0 && m[0]!.end === c.length && m[0]!.agencies[0] === a;
        })
        .slice(0, 12),
    );
    const forms = listAgencyForms(directory, places).map((f) => f.shortForms);
    expect(forms).toEqual(expected);
    expect(forms.flat().length).toBeGreaterThan(directory.agencies.length);
  });
});
