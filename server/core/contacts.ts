// Owns the contacts a report gives (phone numbers with what they reach) and the choice of contacts an "I don't
// know" offers: the site's own, or the agency's the question names — never another agency's. Pure.
import type { ContactPoint } from '../contract.js';

/** A phone number: landline with area code (0451-53729606, 0851—86893715), local (6958002), mobile, 12345, 400. */
const PHONE = /(?<![\d\-—.])(?:(?:0\d{2,3})\s*[-—–－]\s*)?[2-9]\d{6,7}(?![\d.]|\s*[-—–－]\s*\d)|(?<![\d\-—.])1[3-9]\d{9}(?![\d.])|(?<![\d\-—.])12345(?![\d.])|(?<![\d\-—.])400-?\d{3}-?\d{4}(?![\d.])/g;
/** Words a phone number's label may not hold: a number next to these is a code, a post code, an index number. */
const NOT_A_PHONE_LABEL = /索引号|邮编|邮政编码|传真$|文号|编号|代码|身份证|账号|帐号|卡号|统计|数量|金额|万元|亿元|条|件|篇|次|人次/;
/** Labels that say only that a number is a phone number: the agency's name makes them useful. */
const GENERIC_LABEL = /^(?:联系|咨询|办公|值班|服务|投诉)?(?:电话|号码|热线|方式)(?:\/传真)?$|^电话\/?传真$/;

/** Phone numbers a passage gives, labelled with the Han words just before each. */
export function findContacts(text: string): Array<{ label: string; phone: string }> {
  const out: Array<{ label: string; phone: string }> = [];
  for (const m of text.matchAll(PHONE)) {
    const phone = m[0].replace(/\s+/g, '').replace(/[—–－]/g, '-');
    const before = text.slice(Math.max(0, (m.index ?? 0) - 40), m.index).replace(/[（(:：\s]+$/, '');
    const words = /([\p{Script=Han}《》/]{2,20})$/u.exec(before)?.[1] ?? '';
    const label = words
      .replace(/^.*(?:通过|拨打|致电|联系|电话是|号码是|是|请与|请|为)(?=[\p{Script=Han}]{2})/u, '')
      .replace(/^[》/]+/, '');
    if (!label || /《/.test(label) || NOT_A_PHONE_LABEL.test(label)) continue;
    if (!/电话|热线|号码|联系|咨询|服务台|值班|手机|投诉|举报|监督|科|室|处|办|中心|局|委/.test(label)) continue;
    out.push({ label, phone });
  }
  return out;
}

/** Whether a label only says "phone" (电话, 联系电话): it then needs the agency's name. */
export function isGenericLabel(label: string): boolean {
  return GENERIC_LABEL.test(label);
}

/** A contact as the index keeps it: the passage it came from, hence its report. */
export interface StoredContact {
  label: string;
  phone: string;
  passage: number;
}

/**
 * The contacts an "I don't know" offers: the site's own (site.json) when the question names no agency, else the
 * named agency's, from its newest report first; generic labels get the agency's name. One per phone number.
 */
export function chooseContacts(
  contacts: StoredContact[],
  docOf: (passage: number) => number,
  options: { docs: number[] | null; named: boolean; agencyName: string | null; siteContacts: ContactPoint[]; newestFirst: (a: number, b: number) => number; limit?: number },
): ContactPoint[] {
  const limit = options.limit ?? 3;
  if (!options.named && options.siteContacts.length > 0) return options.siteContacts.slice(0, limit);
  const allowed = options.docs ? new Set(options.docs) : null;
  const pool = contacts.filter((c) => !allowed || allowed.has(docOf(c.passage)));
  pool.sort((a, b) => options.newestFirst(docOf(a.passage), docOf(b.passage)) || a.passage - b.passage);
  const seen = new Set<string>();
  const out: ContactPoint[] = [];
  for (const c of pool) {
    if (seen.has(c.phone)) continue;
    seen.add(c.phone);
    const label = isGenericLabel(c.label) && options.agencyName ? `${options.agencyName}${c.label}` : c.label;
    out.push({ label, phone: c.phone });
    if (out.length >= limit) break;
  }
  if (out.length === 0 && options.siteContacts.length > 0) return options.siteContacts.slice(0, limit);
  return out;
}
