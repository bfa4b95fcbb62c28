// 查询码 and working days: the codes are well-formed and parse back as typed; ages and due dates skip weekends and
// the staff calendar's holidays, and count the weekend days worked in their place.
import { describe, expect, it } from 'vitest';
import {
  calendarMap,
  cleanEmail,
  cleanPhone,
  dueDate,
  generateLookupCode,
  inquiryAge,
  LOOKUP_ALPHABET,
  normalizeLookupCode,
  overdueCutoff,
  workingDaysBetween,
} from '../../server/core/inquiries.js';

const none = new Map<string, boolean>();
// 2024: 国庆 1–7 October off, Sunday 29 September and Saturday 12 October worked.
const national = calendarMap([
  ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2024-10-0${d}`, working: false, name: '国庆节' })),
  { date: '2024-09-29', working: true, name: '调休' },
  { date: '2024-10-12', working: true, name: '调休' },
]);

describe('查询码', () => {
  it('draws 12 symbols of the unambiguous alphabet in groups of four, and reads them back however typed', () => {
    const codes = new Set(Array.from({ length: 200 }, () => generateLookupCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(code).toMatch(/^\w{4}-\w{4}-\w{4}$/);
      for (const ch of code.replace(/-/g, '')) expect(LOOKUP_ALPHABET).toContain(ch);
    }
    expect(normalizeLookupCode('7kq2 m9xd 4htr')).toBe('7KQ2M9XD4HTR');
    expect(normalizeLookupCode('７ＫＱ２－Ｍ９ＸＤ－４ＨＴＲ')).toBe('7KQ2M9XD4HTR');
    expect(normalizeLookupCode('7KQ2-M9XD-4HT')).toBeNull();
    expect(normalizeLookupCode('0KQ2-M9XD-4HTR')).toBeNull();
  });

  it('draws without bias: bytes past the last whole multiple of the alphabet are skipped', () => {
    let call = 0;
    const bytes = (b: Uint8Array) => b.fill(call++ === 0 ? 250 : 0);
    expect(generateLookupCode(bytes)).toBe('2222-2222-2222');
  });
});

describe('working days', () => {
  it('counts Monday to Friday after the day an inquiry came in', () => {
    // Monday 2024-05-06 → Friday 2024-05-10: Tue, Wed, Thu, Fri.
    expect(workingDaysBetween('2024-05-06', '2024-05-10', none)).toBe(4);
    expect(workingDaysBetween('2024-05-10', '2024-05-13', none)).toBe(1);
    expect(workingDaysBetween('2024-05-10', '2024-05-10', none)).toBe(0);
    expect(dueDate('2024-05-09', 3, none)).toBe('2024-05-14');
  });

  it('skips public holidays and counts the weekend days worked in their place', () => {
    // In on Sunday 29 September (worked): due three working days later, Mon 30 Sep, then 8 and 9 October.
    expect(dueDate('2024-09-29', 3, national)).toBe('2024-10-09');
    expect(workingDaysBetween('2024-09-30', '2024-10-12', national)).toBe(5);
  });

  it('says an open inquiry is overdue the day after its due date, and where the overdue ones end', () => {
    const received = '2024-09-30T02:00:00.000Z';
    expect(inquiryAge(received, '2024-10-09T09:00:00.000Z', 3, national, 480)).toEqual({ workingDays: 2, dueDate: '2024-10-10', overdue: false });
    expect(inquiryAge(received, '2024-10-11T01:00:00.000Z', 3, national, 480)).toEqual({ workingDays: 4, dueDate: '2024-10-10', overdue: true });
    // On Friday 11 October everything received up to the 7th (due the 10th) is overdue; the 8th's is due on the 11th.
    expect(overdueCutoff('2024-10-11', 3, national)).toBe('2024-10-08');
  });
});

describe('contact data as citizens type it', () => {
  it('accepts phone numbers and e-mail addresses in full width, and refuses other text', () => {
    expect(cleanPhone('０５９１－８７６５４３２１')).toBe('0591-87654321');
    expect(cleanPhone('+86 138 1234 5678')).toBe('+86 138 1234 5678');
    expect(cleanPhone('1234')).toBeNull();
    expect(cleanPhone('请打我电话')).toBeNull();
    expect(cleanEmail('ＬＩ@example.cn')).toBe('LI@example.cn');
    expect(cleanEmail('li@example')).toBeNull();
    expect(cleanEmail('a b@example.cn')).toBeNull();
  });
});
