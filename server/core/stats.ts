// Owns the public statistics (公开统计): per month, questions and how they were answered, satisfaction, 留言 received,
// replied, replied within the deadline and the median reply time; pure aggregation, runtime-neutral, imports only
// the contract types and the working-day calendar.
import type { StatsMonth } from '../contract.js';
import { inquiryAge } from './inquiries.js';

/** One month of the question log and the votes, as the store counts them. */
export interface MonthlyActivity {
  month: string;
  total: number;
  faq: number;
  corpus: number;
  none: number;
  helpful: number;
  notHelpful: number;
}

/** The middle value (the mean of the two middle ones for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The month (`YYYY-MM`) of an ISO time in a zone `utcOffsetMinutes` ahead of UTC. */
export function localMonth(iso: string, utcOffsetMinutes: number): string {
  return new Date(Date.parse(iso) + utcOffsetMinutes * 60_000).toISOString().slice(0, 7);
}

/** The `count` months up to the one `until` falls in (local), newest first. */
export function lastMonths(until: string, count: number, utcOffsetMinutes: number): string[] {
  const out: string[] = [];
  let [year, month] = localMonth(until, utcOffsetMinutes).split('-').map(Number) as [number, number];
  for (let n = 0; n < count; n++) {
    out.push(`${year}-${String(month).padStart(2, '0')}`);
    month--;
    if (month === 0) [year, month] = [year - 1, 12];
  }
  return out;
}

/**
 * The statistics of each month in `months`: the store's counts, and the inquiries (by the month they came in)
 * with the reply times measured against the deadline on the staff calendar.
 */
export function summarizeMonths(
  months: readonly string[],
  activity: readonly MonthlyActivity[],
  inquiries: ReadonlyArray<{ createdAt: string; repliedAt: string | null }>,
  deadline: { days: number; calendar: ReadonlyMap<string, boolean>; utcOffsetMinutes: number },
): StatsMonth[] {
  const byMonth = new Map(activity.map((a) => [a.month, a]));
  const replies = new Map<string, { received: number; replied: number; onTime: number; hours: number[] }>();
  for (const i of inquiries) {
    const key = localMonth(i.createdAt, deadline.utcOffsetMinutes);
    const m = replies.get(key) ?? { received: 0, replied: 0, onTime: 0, hours: [] };
    m.received++;
    if (i.repliedAt) {
      m.replied++;
      m.hours.push((Date.parse(i.repliedAt) - Date.parse(i.createdAt)) / 3_600_000);
      const age = inquiryAge(i.createdAt, i.repliedAt, deadline.days, deadline.calendar, deadline.utcOffsetMinutes);
      if (!age.overdue) m.onTime++;
    }
    replies.set(key, m);
  }
  return months.map((month): StatsMonth => {
    const a = byMonth.get(month);
    const r = replies.get(month);
    const votes = (a?.helpful ?? 0) + (a?.notHelpful ?? 0);
    const middle = median(r?.hours ?? []);
    return {
      month,
      questions: { total: a?.total ?? 0, corpus: a?.corpus ?? 0, faq: a?.faq ?? 0, none: a?.none ?? 0 },
      satisfaction: { helpful: a?.helpful ?? 0, notHelpful: a?.notHelpful ?? 0, rate: votes > 0 ? Math.round(((a?.helpful ?? 0) / votes) * 1000) / 1000 : null },
      inquiries: {
        received: r?.received ?? 0,
        replied: r?.replied ?? 0,
        repliedOnTime: r?.onTime ?? 0,
        medianReplyHours: middle === null ? null : Math.round(middle * 10) / 10,
      },
    };
  });
}
