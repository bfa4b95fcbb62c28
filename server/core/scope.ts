// Owns the scope of a question on a site of many reports: which agency and year it is about (named, or the page's,
// or the site's), which reports may answer it, and the refusal when the site has none. Pure; no runtime imports.
import type { AgencyDirectory, AgencyMention } from './agencies.js';
import type { YearMention } from './years.js';

/** A report as the scope sees it. */
export interface ScopeDocument {
  title: string;
  year: number | null;
}

/** Where the question is asked. */
export interface AskContext {
  /** The report of the page the citizen is on (index into the documents), when the widget says. */
  pageDoc?: number;
  /** The site's own agency (index into the directory), the default for questions that name none. */
  siteAgency?: number;
  /** Today; 今年/去年/前年 count from it. */
  today: Date;
}

/** What a question may be answered from. */
export interface AnswerScope {
  /** Documents that may answer; null for every document. */
  docs: number[] | null;
  /** Years the answer must be of. */
  years: number[];
  /**
   * Years named that no report in scope is of. A passage of the year before may still answer when it speaks of the
   * year itself (the 2015 report's 「2016年，将…」 answers 「2016年按照什么原则」).
   */
  missingYears: number[];
  /** The agency the question is about, when one is: its contacts are the ones to offer. */
  agency: number | null;
  /** The robot's own words on what it took (「去年」 as 2024, this report as the page's), shown beside the answer. */
  notes: string[];
  /** Set when the site has nothing to answer from: the fixed reply says why. */
  refusal?: { reason: 'agency-unknown' | 'year-missing'; message: string };
  /** Spans of the question the scope consumed (agency names, years): they are constraints, not content. */
  consumed: Array<{ start: number; end: number; replacement: string }>;
}

const THIS_REPORT = /(这份|这个|这篇|这一|该|此|本)(年度报告|报告|年报|文件|文档)|本报告/;

function agencyName(directory: AgencyDirectory, agency: number | null): string {
  return agency === null || agency < 0 ? '' : directory.agencies[agency]!.name;
}

/**
 * Resolves the scope of a question.
 *
 * @remarks Steps: the agencies it names (a name the site lacks is refused, naming the agencies it has; several
 * candidates resolve to the page's or the site's agency when it is one of them) → 「这份报告」 is the page's report,
 * else the newest in scope → no agency named: the page's agency, else the site's → years: named, or 今年/去年/前年
 * from today, re-anchored to the newest report when the site has none of that year → years no report is of.
 */
export function resolveScope(
  question: string,
  years: YearMention[],
  mentions: AgencyMention[],
  documents: ScopeDocument[],
  directory: AgencyDirectory,
  context: AskContext,
): AnswerScope {
  const notes: string[] = [];
  const consumed: AnswerScope['consumed'] = [];
  const pageAgency = context.pageDoc !== undefined ? directory.byDoc[context.pageDoc] ?? -1 : -1;
  const contextAgency = pageAgency >= 0 ? pageAgency : context.siteAgency ?? -1;

  // 1. Agencies named (of several that a short name fits, those with a report of the year named).
  const unknown = mentions.find((m) => m.agencies.length === 0);
  const known = mentions.filter((m) => m.agencies.length > 0);
  for (const m of mentions) consumed.push({ start: m.start, end: m.end, replacement: ' ' });
  if (unknown && known.length === 0) {
    const names = directory.agencies.map((a) => a.name).slice(0, 8);
    return {
      docs: [],
      years: [],
      missingYears: [],
      agency: null,
      notes,
      consumed,
      refusal: {
        reason: 'agency-unknown',
        message: `本站没有「${unknown.text}」的报告。${names.length ? `本站发布的是${names.join('、')}${directory.agencies.length > names.length ? '等单位' : ''}的报告。` : ''}`,
      },
    };
  }
  let agencies: number[] = [];
  for (const m of known) {
    const candidates = m.agencies.includes(contextAgency) && m.agencies.length > 1 ? [contextAgency] : m.agencies;
    for (const a of candidates) if (!agencies.includes(a)) agencies.push(a);
  }
  const named = agencies.length > 0;
  const namedYears = years.filter((y) => !y.relative).map((y) => y.year);
  if (agencies.length > 1 && namedYears.length > 0) {
    const ofYear = agencies.filter((a) => directory.agencies[a]!.docs.some((d) => namedYears.includes(documents[d]!.year ?? -1)));
    if (ofYear.length > 0) agencies = ofYear;
  }
  if (!named && contextAgency >= 0) agencies = [contextAgency];
  let docs: number[] | null = agencies.length > 0 ? agencies.flatMap((a) => directory.agencies[a]!.docs) : null;

  // 2. 「这份报告」: the page's report, else the newest in scope.
  if (THIS_REPORT.test(question) && years.length === 0) {
    if (context.pageDoc !== undefined && (!named || agencies.includes(pageAgency))) {
      docs = [context.pageDoc];
    } else {
      const pool = docs ?? documents.map((_, i) => i);
      const newest = [...pool].sort((a, b) => (documents[b]!.year ?? 0) - (documents[a]!.year ?? 0) || b - a)[0];
      if (newest !== undefined) {
        docs = [newest];
        if (pool.length > 1) notes.push(`按最新的报告《${documents[newest]!.title}》回答`);
      }
    }
  }

  // 3. Years: named, or counted back from today and re-anchored to the reports the scope has.
  const pool = docs ?? documents.map((_, i) => i);
  const available = [...new Set(pool.map((d) => documents[d]!.year).filter((y): y is number => y !== null))].sort((a, b) => a - b);
  const newest = available[available.length - 1];
  const resolved: number[] = [];
  for (const y of years) {
    let year = y.year;
    if (y.relative && !available.includes(year) && newest !== undefined) {
      const anchored = newest - Math.max(0, y.relative.yearsBack - 1);
      if (available.includes(anchored)) {
        notes.push(`「${y.relative.word}」按本站最新的${anchored}年报告理解`);
        year = anchored;
      }
    } else if (y.relative) {
      notes.push(`「${y.relative.word}」按${year}年理解`);
    }
    // Written out (15年 → 2015年, 去年 → 2025年): a sentence stating the year still ranks by it.
    // 「年」/「年度」 go with the year, and end a word: 「2022年委网站」 is 2022年 + 委网站, not 年委.
    const suffix = y.relative ? 0 : /^\s*年度?/.exec(question.slice(y.end))?.[0].length ?? 0;
    consumed.push({ start: y.start, end: y.end + suffix, replacement: ` ${year}年 ` });
    if (!resolved.includes(year)) resolved.push(year);
  }
  const missingYears = resolved.filter((y) => !available.includes(y));
  const agency = agencies.length === 1 ? agencies[0]! : null;
  const scope: AnswerScope = { docs, years: resolved, missingYears, agency, notes, consumed };
  if (missingYears.length > 0 && available.length > 0) {
    const who = named && agency !== null ? agencyName(directory, agency) : agency !== null ? agencyName(directory, agency) : '本站';
    scope.refusal = {
      reason: 'year-missing',
      message: `本站没有${who === '本站' ? '' : who}${missingYears.join('、')}年的报告，现有${available.join('、')}年的报告。`,
    };
  }
  return scope;
}
