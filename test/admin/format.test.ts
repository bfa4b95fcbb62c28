// The console's formatting: times in the staff's time zone, shares, scores, durations and export file names.
import { describe, expect, it } from 'vitest';
import {
  exportFileName,
  externalHref,
  formatBytes,
  formatCount,
  formatDateTime,
  formatDayLabel,
  formatDuration,
  formatPercent,
  formatScore,
  truncate,
} from '../../widget/admin/format.js';

describe('formatDateTime', () => {
  it('writes an ISO time in China time as YYYY-MM-DD HH:mm', () => {
    expect(formatDateTime('2024-05-03T09:05:00.000Z', 480)).toBe('2024-05-03 17:05');
  });

  it('crosses midnight into the next local day', () => {
    expect(formatDateTime('2024-12-31T16:30:00Z', 480)).toBe('2025-01-01 00:30');
  });

  it('writes a dash for a missing or unreadable time', () => {
    expect(formatDateTime(null, 480)).toBe('—');
    expect(formatDateTime('not a time', 480)).toBe('—');
  });
});

describe('short numbers', () => {
  it('labels a day as 5月3日', () => {
    expect(formatDayLabel('2024-05-03')).toBe('5月3日');
    expect(formatDayLabel('whatever')).toBe('whatever');
  });

  it('writes shares as percentages with at most one decimal, and — without a value', () => {
    expect(formatPercent(0.125)).toBe('12.5%');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(1 / 3)).toBe('33.3%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(null)).toBe('—');
  });

  it('writes scores with three decimals and counts with thousands separators', () => {
    expect(formatScore(0.5)).toBe('0.500');
    expect(formatScore(0.8234)).toBe('0.823');
    expect(formatCount(25000)).toBe('25,000');
    expect(formatCount(999)).toBe('999');
  });

  it('writes durations and sizes in Chinese units', () => {
    expect(formatDuration(850)).toBe('850 毫秒');
    expect(formatDuration(3240)).toBe('3.2 秒');
    expect(formatDuration(125_000)).toBe('2 分 5 秒');
    expect(formatBytes(512)).toBe('512 字节');
    expect(formatBytes(12_800)).toBe('12.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3 MB');
  });

  it('cuts long text by characters with an ellipsis', () => {
    expect(truncate('行政服务中心办事大厅几点上班', 6)).toBe('行政服务中…');
    expect(truncate('短', 6)).toBe('短');
  });
});

describe('exportFileName', () => {
  const now = new Date('2024-05-03T17:30:00Z');

  it("uses the server's Content-Disposition file name", () => {
    expect(exportFileName('attachment; filename="faq-20240503.csv"', 'csv', now, 480)).toBe('faq-20240503.csv');
    expect(exportFileName("attachment; filename*=UTF-8''%E5%B8%B8%E8%A7%81%E9%97%AE%E9%A2%98.json", 'json', now, 480)).toBe('常见问题.json');
  });

  it('falls back to faq-YYYYMMDD for the local day when the header is missing or unusable', () => {
    expect(exportFileName(null, 'csv', now, 480)).toBe('faq-20240504.csv');
    expect(exportFileName(null, 'json', now, 0)).toBe('faq-20240503.json');
    expect(exportFileName('attachment; filename="faq.txt"', 'csv', now, 480)).toBe('faq-20240504.csv');
  });

  it('never lets a file name carry a folder', () => {
    expect(exportFileName('attachment; filename="../../etc/faq.csv"', 'csv', now, 480)).toBe('etcfaq.csv');
  });
});

describe('externalHref', () => {
  it('links only absolute http(s) URLs: a javascript: or data: source address is shown as text', () => {
    expect(externalHref('https://www.example.gov.cn/a.html')).toBe('https://www.example.gov.cn/a.html');
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', '/reports/x', '', null, undefined]) {
      expect(externalHref(bad), String(bad)).toBeNull();
    }
  });
});
