// Owns reading the years a question names: 2015年, 2015年度, 二〇一五年, 二零一五年度, 15年, 15年度, and 今年/去年/前年
// relative to today. Pure; no runtime imports.

/** A year the question names, where it says it, and how. */
export interface YearMention {
  year: number;
  start: number;
  end: number;
  /** The relative word (今年, 去年, 前年) when the year was computed from today; the scope may re-anchor it. */
  relative?: { word: string; yearsBack: number };
}

const CN_DIGIT: Record<string, string> = { 〇: '0', 零: '0', '○': '0', Ｏ: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
const FULL = /(?<![\d.])((?:19|20)\d{2})\s*(?=年|年度)/g;
const CHINESE = /([〇零○一二三四五六七八九]{4})\s*(?=年)/g;
/** 「15年」「22年度」: a two-digit year, not a duration (「15年来」「近15年」「工作15年」). */
const SHORT = /(?<![\d.第近约共满过去])(\d{2})\s*(?=年度|年(?!来|以来|间|内|多|前|后|左右|之久|期|级|龄|中|底|末|初))/g;
const RELATIVE: Array<[RegExp, number]> = [
  [/今年/g, 0],
  [/去年|上一年/g, 1],
  [/前年/g, 2],
];

/**
 * Reads the years a normalized question names.
 *
 * @param today - the date the question is asked; 今年/去年/前年 count back from its year.
 */
export function readYears(question: string, today: Date): YearMention[] {
  const out: YearMention[] = [];
  const taken = (start: number, end: number) => out.some((m) => m.start < end && start < m.end);
  for (const m of question.matchAll(FULL)) out.push({ year: Number(m[1]), start: m.index ?? 0, end: (m.index ?? 0) + m[1]!.length });
  for (const m of question.matchAll(CHINESE)) {
    const year = Number(Array.from(m[1]!, (c) => CN_DIGIT[c]).join(''));
    if (year >= 1949 && year <= 2200) out.push({ year, start: m.index ?? 0, end: (m.index ?? 0) + m[1]!.length });
  }
  const now = today.getUTCFullYear();
  for (const m of question.matchAll(SHORT)) {
    const start = m.index ?? 0;
    const end = start + m[1]!.length;
    if (taken(start, end)) continue;
    const two = Number(m[1]);
    const year = two <= (now % 100) + 1 ? 2000 + two : 1900 + two;
    if (year < 1990) continue;
    out.push({ year, start, end });
  }
  for (const [re, back] of RELATIVE) {
    for (const m of question.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (taken(start, end)) continue;
      out.push({ year: now - back, start, end, relative: { word: m[0], yearsBack: back } });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
