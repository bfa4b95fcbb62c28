// Monthly statistics: inquiries count in the month they came in; a reply is on time by working days on the staff
// calendar; the median reply time is the middle one.
import { describe, expect, it } from 'vitest';
import { calendarMap } from '../../server/core/inquiries.js';
import { lastMonths, median, summarizeMonths } from '../../server/core/stats.js';

describe('monthly statistics', () => {
  it('lists the last months newest first, across a year', () => {
    expect(lastMonths('2024-02-10T00:00:00.000Z', 3, 480)).toEqual(['2024-02', '2024-01', '2023-12']);
    expect(lastMonths('2024-01-31T17:00:00.000Z', 1, 480)).toEqual(['2024-02']);
  });

  it('takes the middle reply time', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('counts a reply within the deadline as on time, skipping the holidays the calendar lists', () => {
    const at = (day: string, hour = 2) => `${day}T0${hour}:00:00.000Z`;
    const inquiries = [
      { createdAt: at('2024-09-30'), repliedAt: at('2024-10-09') }, // 国庆: due 10 October, on time
      { createdAt: at('2024-09-02'), repliedAt: at('2024-09-06') }, // due 5 September: late
      { createdAt: at('2024-09-03'), repliedAt: null },
    ];
    const calendar = calendarMap([1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2024-10-0${d}`, working: false, name: '国庆节' })));
    const [september] = summarizeMonths(['2024-09'], [], inquiries, { days: 3, calendar, utcOffsetMinutes: 480 });
    expect(september!.inquiries).toEqual({ received: 3, replied: 2, repliedOnTime: 1, medianReplyHours: 156 });
    expect(september!.questions).toEqual({ total: 0, corpus: 0, faq: 0, none: 0 });
    expect(september!.satisfaction.rate).toBeNull();
  });
});
