// findContacts reads only real phone numbers with what they reach; chooseContacts offers the site's or the named
// agency's, never another agency's.
import { describe, expect, it } from 'vitest';
import { chooseContacts, findContacts, isGenericLabel, type StoredContact } from '../../server/core/contacts.js';

describe('findContacts', () => {
  it('reads a landline with its area code and the words that say what it reaches', () => {
    expect(findContacts('如有疑问，请拨打政务公开办公室咨询电话：0591-24315678。')).toEqual([{ label: '政务公开办公室咨询电话', phone: '0591-24315678' }]);
  });

  it('writes a long dash or spaced dash as a hyphen', () => {
    expect(findContacts('投诉电话 0851—86893715')).toEqual([{ label: '投诉电话', phone: '0851-86893715' }]);
  });

  it('reads mobile numbers and the 12345 hotline', () => {
    expect(findContacts('值班手机13912345678')).toEqual([{ label: '值班手机', phone: '13912345678' }]);
    expect(findContacts('市民可拨打12345政务服务便民热线')).toEqual([]);
    expect(findContacts('服务热线：12345')).toEqual([{ label: '服务热线', phone: '12345' }]);
  });

  it('never takes an index number, post code or count for a phone number', () => {
    expect(findContacts('《索引号 0591-2023000')).toEqual([]);
    expect(findContacts('索引号：3501280000-2023-00012')).toEqual([]);
    expect(findContacts('邮编：350400')).toEqual([]);
    expect(findContacts('本年新收申请数量 2345678 件')).toEqual([]);
    expect(findContacts('行政事业性收费金额12345678万元')).toEqual([]);
  });

  it('tells a label that only says phone from one that names its office', () => {
    expect(isGenericLabel('联系电话')).toBe(true);
    expect(isGenericLabel('电话/传真')).toBe(true);
    expect(isGenericLabel('政务公开办公室咨询电话')).toBe(false);
  });
});

describe('chooseContacts', () => {
  // Passages 0–1 are of document 0 (平潭, 2023), 2 of document 1 (平潭, 2024), 3 of document 2 (襄阳审批局).
  const contacts: StoredContact[] = [
    { label: '联系电话', phone: '0591-11111111', passage: 0 },
    { label: '投诉电话', phone: '0591-22222222', passage: 1 },
    { label: '联系电话', phone: '0591-11111111', passage: 2 },
    { label: '政务服务中心咨询电话', phone: '0710-33333333', passage: 3 },
  ];
  const docOf = (p: number) => [0, 0, 1, 2][p]!;
  const years = [2023, 2024, 2022];
  const newestFirst = (a: number, b: number) => years[b]! - years[a]!;
  const site = [{ label: '平潭综合实验区政务公开办', phone: '0591-99999999' }];

  it('offers the site\'s own contacts when the question names no agency', () => {
    expect(chooseContacts(contacts, docOf, { docs: null, named: false, agencyName: null, siteContacts: site, newestFirst })).toEqual(site);
  });

  it('offers only the named agency\'s contacts, newest report first, one per number, generic labels with its name', () => {
    expect(chooseContacts(contacts, docOf, { docs: [0, 1], named: true, agencyName: '平潭综合实验区', siteContacts: site, newestFirst })).toEqual([
      { label: '平潭综合实验区联系电话', phone: '0591-11111111' },
      { label: '平潭综合实验区投诉电话', phone: '0591-22222222' },
    ]);
  });

  it('never offers another agency\'s number: with none of the named agency\'s, the site\'s', () => {
    const chosen = chooseContacts(contacts.slice(3), docOf, { docs: [0, 1], named: true, agencyName: '平潭综合实验区', siteContacts: site, newestFirst });
    expect(chosen).toEqual(site);
    expect(chosen.map((c) => c.phone)).not.toContain('0710-33333333');
  });

  it('stops at the limit', () => {
    expect(chooseContacts(contacts, docOf, { docs: null, named: true, agencyName: null, siteContacts: [], newestFirst, limit: 1 })).toHaveLength(1);
  });
});
