// Owns the public statistics: `GET /api/stats` (JSON) and the page at `/stats`, by month, aggregated, nothing
// personal; runtime-neutral (hono only). Rate-limited by the app like /api/ask.
import type { Context, Hono } from 'hono';
import type { StatsResponse } from '../contract.js';
import { calendarMap } from '../core/inquiries.js';
import { lastMonths, summarizeMonths } from '../core/stats.js';
import type { AppDeps } from './app.js';
import { PAGE_CSP } from './app.js';
import type { StaffDeps } from './staff-request.js';
import { ApiError } from './errors.js';
import { escapeHtml } from './pages.js';

/** The months the statistics cover by default, and at most. */
export const DEFAULT_STATS_MONTHS = 12;
export const MAX_STATS_MONTHS = 36;
/** The statistics are cut at China's midnight. */
const UTC_OFFSET = 480;
/** How long one computation is served again (the counts change slowly; a client cannot make the server recount). */
const CACHE_MS = 60_000;
/** Most inquiries read for one computation. */
const MAX_INQUIRIES = 50_000;

function monthsQuery(c: Context): number {
  const raw = c.req.query('months');
  if (raw === undefined || raw === '') return DEFAULT_STATS_MONTHS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_STATS_MONTHS) {
    throw new ApiError(400, 'invalid_query', `"months" must be a whole number from 1 to ${MAX_STATS_MONTHS}`);
  }
  return n;
}

const percent = (n: number | null) => (n === null ? '—' : `${Math.round(n * 1000) / 10}%`);

/** The statistics as a page of the demo site: one table, one row per month. */
export function renderStatsPage(stats: StatsResponse): string {
  const rows = stats.months
    .map((m) => {
      const answered = m.questions.corpus + m.questions.faq;
      const cells = [
        m.month,
        m.questions.total,
        `${answered}（报告 ${m.questions.corpus}，常见问题 ${m.questions.faq}）`,
        m.questions.none,
        percent(m.satisfaction.rate),
        m.inquiries.received,
        m.inquiries.replied,
        m.inquiries.repliedOnTime,
        m.inquiries.medianReplyHours === null ? '—' : `${m.inquiries.medianReplyHours} 小时`,
      ];
      return `<tr>${cells.map((v, i) => (i === 0 ? `<th scope="row">${escapeHtml(String(v))}</th>` : `<td>${escapeHtml(String(v))}</td>`)).join('')}</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>智能问答统计</title><link rel="stylesheet" href="/assets/site.css"></head>
<body><main class="article"><h1>智能问答统计</h1>
<p>按月统计市民提问、回答和留言办理情况（北京时间）。留言须在 ${stats.deadlineDays} 个工作日内答复；提问记录保留 ${stats.questionLogDays} 天，更早月份的提问数不再计入。数据为汇总数字，不含任何个人信息。<a href="/api/stats">JSON 数据</a></p>
<table class="stats"><caption>每月统计</caption>
<thead><tr><th scope="col">月份</th><th scope="col">提问</th><th scope="col">已回答</th><th scope="col">未能回答</th><th scope="col">满意率</th><th scope="col">收到留言</th><th scope="col">已答复</th><th scope="col">按时答复</th><th scope="col">答复用时（中位数）</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p>生成于 ${escapeHtml(stats.generatedAt)}</p></main></body></html>`;
}

/** The statistics routes, as a createApp extension over the store. */
export function statsRoutes(staff: StaffDeps) {
  const { store } = staff;
  const now = staff.now ?? (() => new Date());
  return (app: Hono, deps: AppDeps): void => {
    const cache = new Map<number, { at: number; stats: Promise<StatsResponse> }>();
    const compute = async (months: number): Promise<StatsResponse> => {
      const at = now();
      const until = at.toISOString();
      const list = lastMonths(until, months, UTC_OFFSET);
      const first = list[list.length - 1]!;
      const since = new Date(Date.parse(`${first}-01T00:00:00Z`) - UTC_OFFSET * 60_000).toISOString();
      const [activity, inquiries, calendar] = await Promise.all([
        store.monthlyActivity(since, UTC_OFFSET),
        store.inquiryTimes(since, MAX_INQUIRIES),
        store.listCalendar(),
      ]);
      return {
        generatedAt: until,
        deadlineDays: deps.config.inquiryDeadlineDays,
        questionLogDays: deps.config.logRetentionDays,
        months: summarizeMonths(list, activity, inquiries, { days: deps.config.inquiryDeadlineDays, calendar: calendarMap(calendar), utcOffsetMinutes: UTC_OFFSET }),
      };
    };
    const stats = (months: number): Promise<StatsResponse> => {
      const t = now().getTime();
      const hit = cache.get(months);
      if (hit && t - hit.at < CACHE_MS) return hit.stats;
      const entry = { at: t, stats: compute(months) };
      entry.stats.catch(() => cache.delete(months));
      cache.set(months, entry);
      return entry.stats;
    };

    app.get('/api/stats', async (c) => c.json(await stats(monthsQuery(c))));
    app.get('/stats', async (c) => {
      c.header('Content-Security-Policy', PAGE_CSP);
      return c.html(renderStatsPage(await stats(monthsQuery(c))));
    });
  };
}
