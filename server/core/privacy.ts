// Owns masking of citizens' personal data (ID, bank-card and phone numbers, e-mail and house addresses, a name they
// give) before anything is stored or logged; runtime-neutral, imports nothing.

/**
 * Characters folded before matching, each to one ASCII character (so positions in the folded text are positions in
 * the original): full-width forms (１３８, Ｘ, ＠, ．, －), the ideographic and other spaces, dashes and middle dots that
 * people type between groups of digits.
 */
function foldForMatching(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000 || code === 0x00a0 || (code >= 0x2000 && code <= 0x200b) || code === 0x202f || code === 0xfeff) out += ' ';
    else if ((code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0xfe58 || code === 0xfe63) out += '-';
    else if (code === 0x00b7 || code === 0x30fb || code === 0xff65 || code === 0x2022) out += '.';
    else out += text[i];
  }
  return out;
}

/** What may stand between groups of digits: up to two of space, dot, dash, slash, underscore (after folding). */
const SEP = '[\\s.\\-_/]{0,2}';
/** Digits `n` to `m` more times, each optionally after a separator. */
const spaced = (n: number, m: number = n) => `(?:${SEP}\\d){${n},${m}}`;

/** Units a count is given in: 「23000000元」「6958002条」 are amounts, not phone numbers. */
const COUNT_UNIT = '(?!\\s*(?:条|件|个|项|份|次|人|名|元|块|万|亿|千|百|年|月|日|天|号|页|字|户|家|所|台|辆|米|平方|公里|吨|%|‰))';

/** Han characters that end a place name on their left: 「我住在太平路…」 masks from 太. */
const NOT_IN_PLACE = '(?![我你他她您住在是到于的和与及从向离近家])';
const PLACE_NAME = `(?:${NOT_IN_PLACE}[\\p{Script=Han}A-Za-z0-9]){1,12}?`;
const PLACE_KIND = '(?:大街|大道|胡同|小区|花园|公寓|家园|新村|大厦|广场|路|街|道|巷|弄|里|村|屯|苑|园)';
const ADDRESS_NUMBER = '[0-9一二三四五六七八九十百零〇两]+(?:-[0-9]+)*';
const ADDRESS_UNIT = '(?:号院|号楼|号|弄|栋|幢|座|楼|层|单元|室|户|组)';

interface Detector {
  label: string;
  pattern: RegExp;
  /** Checks a match (its text after folding) beyond the pattern. */
  accept?: (match: string) => boolean;
  /** Masks only this capture group (the name after 「我叫」), not the cue. */
  group?: number;
  /** What every match holds (checked on the folded text first): most questions hold none, and skip the pattern. */
  needs: RegExp;
}

const digitsOf = (s: string) => s.replace(/[^0-9Xx]/g, '').toUpperCase();

const ID_18 = /^[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX]$/;
const ID_15 = /^[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}$/;

/** Whether a digit string passes the Luhn check that card numbers carry. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const DIGIT = /\d/;

/** In order of precedence: where two overlap, the earlier wins (an e-mail holding digits is an e-mail). */
const DETECTORS: Detector[] = [
  {
    label: '[邮箱]',
    pattern: /[A-Za-z0-9._%+-]+\s?@\s?[A-Za-z0-9-]+(?:\s?[.。]\s?[A-Za-z0-9-]+)*\s?[.。]\s?[A-Za-z]{2,}/g,
    needs: /@/,
  },
  {
    // 18 characters (the last may be X) or 15 digits, in any grouping: 「110105 19491231 002X」.
    label: '[身份证号]',
    pattern: new RegExp(`(?<!\\d)[1-9]${spaced(14)}(?:${spaced(2)}${SEP}[\\dXx])?(?![\\dXx])`, 'g'),
    accept: (m) => ID_18.test(digitsOf(m)) || ID_15.test(digitsOf(m)),
    needs: DIGIT,
  },
  {
    // 16–19 digits starting like a card (3 JCB/Amex, 4 Visa, 5 Mastercard, 6 UnionPay; a year never does), Luhn-valid
    // or UnionPay's 62: not every card a Chinese bank issued passes Luhn.
    label: '[银行卡号]',
    pattern: new RegExp(`(?<!\\d)[3-6]${spaced(15, 18)}(?!\\d)`, 'g'),
    accept: (m) => {
      const digits = digitsOf(m);
      return /^\d{16,19}$/.test(digits) && (luhnValid(digits) || digits.startsWith('62'));
    },
    needs: DIGIT,
  },
  {
    label: '[手机号]',
    pattern: new RegExp(`(?<!\\d)(?:(?:\\+|00)?86${SEP})?1${SEP}[3-9]${spaced(9)}(?!\\d)`, 'g'),
    needs: DIGIT,
  },
  {
    // With an area code (0453-6958002, (0453) 695 8002): any grouping.
    label: '[电话]',
    pattern: new RegExp(`(?<!\\d)\\(?\\s?0\\d{2,3}\\s?\\)?${SEP}[2-9]${spaced(6, 7)}(?!\\d)`, 'g'),
    needs: DIGIT,
  },
  {
    // Without one: 7 or 8 digits in one run or split by one dash, and not an amount (「23000000元」).
    label: '[电话]',
    pattern: new RegExp(`(?<!\\d[.,]?)[2-9]\\d{2,3}-?\\d{4}(?![\\d.])${COUNT_UNIT}`, 'g'),
    accept: (m) => /^\d{7,8}$/.test(m.replace('-', '')),
    needs: DIGIT,
  },
  {
    // A house address: a street, lane, village or estate, then its number and any building, unit and room.
    label: '[地址]',
    pattern: new RegExp(
      `${PLACE_NAME}${PLACE_KIND}\\s?${ADDRESS_NUMBER}\\s?${ADDRESS_UNIT}(?:\\s?[-之]?\\s?${ADDRESS_NUMBER}\\s?${ADDRESS_UNIT})*(?:\\s?${ADDRESS_NUMBER}(?:-${ADDRESS_NUMBER})+)?`,
      'gu',
    ),
    // A kind of place (路, 街, 小区, 大厦 …) and a number.
    needs: /[路街道巷弄里村屯苑园胡区寓厦场][\s\S]*[0-9一二三四五六七八九十百零〇两]/,
  },
  {
    // A name the citizen gives: 「我叫张三」「姓名：李四」.
    label: '[姓名]',
    pattern: /(?:我叫|我的名字是|我的名字叫|名叫|姓名\s?[:：]?)\s?((?:(?![想要问请住在是的家，。、,.!?！？\s])\p{Script=Han}){2,4})/dgu,
    group: 1,
    needs: /叫|名字|姓名/,
  },
];

/**
 * Masks personal data: mainland ID numbers (18- and 15-digit), bank-card numbers, mobile and landline numbers,
 * e-mail addresses, house addresses and a name the writer gives, each replaced by its label (`[身份证号]`,
 * `[银行卡号]`, `[手机号]`, `[电话]`, `[邮箱]`, `[地址]`, `[姓名]`). Everything else is kept as written.
 *
 * @remarks Applied before a question or comment is written to the log, the database or the unanswered list, so that
 * nothing downstream ever holds them. Matching runs on a folded copy (full-width forms, odd spaces and dashes made
 * ASCII, one character for one), so 「１１０１０５…Ｘ」, 「110105 19491231 002X」, 「138.1234.5678」 and
 * 「zhang＠example.com」 are caught like their plain forms. Years (2015), counts (2186条) and amounts (23000000元)
 * are not numbers of a person and are kept. A phone number is masked even when it is the site's own published one
 * (「6958028是哪个科室」): a question cannot tell an office's number from a citizen's, and the staff lose little by
 * reading 「[电话]是哪个科室」. Likewise an address with a house number, the office's own included.
 */
export function maskPersonalData(text: string): string {
  const folded = foldForMatching(text);
  const spans: Array<{ start: number; end: number; label: string }> = [];
  const overlaps = (start: number, end: number) => spans.some((s) => start < s.end && s.start < end);
  for (const detector of DETECTORS) {
    if (!detector.needs.test(folded)) continue;
    const pattern = new RegExp(detector.pattern);
    for (let match = pattern.exec(folded); match; match = pattern.exec(folded)) {
      const [start, end] = detector.group ? match.indices![detector.group]! : [match.index, match.index + match[0].length];
      const found = folded.slice(start, end).trim();
      if (!found || (detector.accept && !detector.accept(found))) {
        // Not one after all (a mobile number and an ID side by side read as one run): look again from the next digit.
        pattern.lastIndex = match.index + 1;
        continue;
      }
      const from = start + folded.slice(start, end).indexOf(found);
      const to = from + found.length;
      if (!overlaps(from, to)) spans.push({ start: from, end: to, label: detector.label });
    }
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + span.label;
    at = span.end;
  }
  return out + text.slice(at);
}
