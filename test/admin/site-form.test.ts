// The settings page's form of the site's own settings: from the server's state, to the request, and the checks made
// before sending (the server's rules, in Chinese, under the server's field names).
import { describe, expect, it } from 'vitest';
import { checkSiteForm, countEntries, siteFormFrom, siteRequestFrom } from '../../widget/admin/site-form.js';
import { parseRoute, routeHref } from '../../widget/admin/route.js';

describe('site form', () => {
  it('round-trips the settings in effect, leaving empty optional fields out of the request', () => {
    const form = siteFormFrom({ siteName: '某站', agency: null, contacts: [{ label: '咨询', phone: '12345', hours: '工作日' }], source: 'data', updatedAt: null });
    expect(form.contacts[0]).toEqual({ label: '咨询', phone: '12345', address: '', hours: '工作日', web: '' });
    expect(siteRequestFrom({ ...form, siteName: ' 某站 ' })).toEqual({ siteName: '某站', agency: null, contacts: [{ label: '咨询', phone: '12345', hours: '工作日' }] });
  });

  it('names every wrong field as the server names it', () => {
    const errors = checkSiteForm({
      siteName: '',
      agency: '',
      contacts: [
        { label: '', phone: '《索引号 0', address: '', hours: '', web: 'ftp://x' },
        { label: '咨询', phone: '0453-6958002', address: '', hours: '', web: 'https://a.gov.cn' },
      ],
    });
    expect(Object.keys(errors).sort()).toEqual(['contacts[0].label', 'contacts[0].phone', 'contacts[0].web', 'siteName']);
  });

  it('counts the entries of a list, not its comments or blank lines', () => {
    expect(countEntries('# 注释\n\n电话 热线\n吐槽 投诉 # 市民说法\n')).toBe(2);
  });

  it('has an address for the settings page', () => {
    expect(parseRoute(routeHref({ page: 'settings' }))).toEqual({ page: 'settings' });
  });
});
