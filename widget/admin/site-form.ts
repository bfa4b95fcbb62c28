// Owns the settings page's form of the site's own settings: the form from what the server has, the request from the
// form, and the checks made before anything is sent (the server's rules, in staff's words). Pure; imports only
// contract types.
import type { AdminSiteSettings, AdminSiteSettingsRequest } from '../../server/contract.js';

/** One contact row as typed. */
export interface ContactForm {
  label: string;
  phone: string;
  address: string;
  hours: string;
  web: string;
}

/** The site settings as typed; `agency` '' is "the default report's agency". */
export interface SiteForm {
  siteName: string;
  agency: string;
  contacts: ContactForm[];
}

/** Most contacts the server keeps (MAX_SITE_CONTACTS). */
export const MAX_CONTACTS = 10;

export const emptyContact = (): ContactForm => ({ label: '', phone: '', address: '', hours: '', web: '' });

/** The form of the settings in effect. */
export function siteFormFrom(site: AdminSiteSettings): SiteForm {
  return {
    siteName: site.siteName,
    agency: site.agency ?? '',
    contacts: site.contacts.map((c) => ({ label: c.label, phone: c.phone, address: c.address ?? '', hours: c.hours ?? '', web: c.web ?? '' })),
  };
}

/** The request for a form: trimmed, optional contact fields left out when empty. */
export function siteRequestFrom(form: SiteForm): AdminSiteSettingsRequest {
  return {
    siteName: form.siteName.trim(),
    agency: form.agency.trim() || null,
    contacts: form.contacts.map((c) => {
      const [address, hours, web] = [c.address.trim(), c.hours.trim(), c.web.trim()];
      return { label: c.label.trim(), phone: c.phone.trim(), ...(address ? { address } : {}), ...(hours ? { hours } : {}), ...(web ? { web } : {}) };
    }),
  };
}

/** Whether a text is a phone number a citizen can dial (the server's rule: 5 to 20 digits with separators). */
export function looksLikePhone(text: string): boolean {
  const digits = text.replace(/\D/g, '').length;
  return /^[\d\s+()（）\-—–－转]+$/.test(text) && digits >= 5 && digits <= 20;
}

/** What is wrong with the form, by the server's field names (`siteName`, `contacts[0].phone`), in Chinese. */
export function checkSiteForm(form: SiteForm): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = form.siteName.trim();
  if (!name) errors.siteName = '请填写网站名称。';
  else if (Array.from(name).length > 60) errors.siteName = '网站名称最多 60 个字。';
  if (Array.from(form.agency.trim()).length > 60) errors.agency = '机构名称最多 60 个字。';
  if (form.contacts.length > MAX_CONTACTS) errors.contacts = `最多 ${MAX_CONTACTS} 个联系方式。`;
  form.contacts.forEach((c, i) => {
    const at = `contacts[${i}]`;
    if (!c.label.trim()) errors[`${at}.label`] = '请填写名称（例如：政务服务咨询电话）。';
    if (!c.phone.trim()) errors[`${at}.phone`] = '请填写电话号码。';
    else if (!looksLikePhone(c.phone.trim())) errors[`${at}.phone`] = '请填写能拨打的电话号码（数字、-、空格，5 到 20 位数字）。';
    if (c.web.trim() && !/^https?:\/\/[^\s]+$/i.test(c.web.trim())) errors[`${at}.web`] = '网址须以 http:// 或 https:// 开头。';
    for (const field of ['label', 'address', 'hours'] as const) {
      if (Array.from(c[field].trim()).length > 120) errors[`${at}.${field}`] = '最多 120 个字。';
    }
  });
  return errors;
}

/** Lines with content in an aliases or synonyms text (comments and blank lines not counted). */
export function countEntries(text: string): number {
  return text.split(/\r?\n/).filter((line) => line.replace(/#.*$/, '').trim()).length;
}
