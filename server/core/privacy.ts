// Owns masking of citizens' personal data (ID numbers, phone numbers, e-mail) before anything is stored or logged;
// runtime-neutral, imports nothing.

const ID_NUMBER = /(?<![0-9A-Za-z])(?:[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]|[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)/g;
const LANDLINE = /(?<!\d)(?:0\d{2,3}[-\s]?)?[2-9]\d{6,7}(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/**
 * Masks mainland ID numbers (18- and 15-digit), mobile and landline numbers, and e-mail addresses.
 *
 * @remarks Applied before a question or comment is written to the log, the database or the unanswered list, so that
 * nothing downstream ever holds them. Full-width digits are folded first so 「１３８…」 is caught too.
 */
export function maskPersonalData(text: string): string {
  const folded = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  return folded
    .replace(ID_NUMBER, '[身份证号]')
    .replace(EMAIL, '[邮箱]')
    .replace(MOBILE, '[手机号]')
    .replace(LANDLINE, '[电话]');
}
