// Owns the overview page (the console's start page): questions per day, the share answered by FAQ entries /
// reports / not at all, the helpful rate and the most asked questions. Imports preact and the console's modules.
import { useState } from 'preact/hooks';
import { DailyChart, InlineBar, KindSwatch, ShareBar } from '../components/charts.js';
import { ErrorNotice, Loading, PageHeading, Select } from '../components/ui.js';
import { ANSWER_KINDS } from '../chart.js';
import { useConsole } from '../context.js';
import { formatCount, formatDateTime, formatPercent, localOffsetMinutes } from '../format.js';
import { useLoad } from '../hooks.js';
import { routeHref } from '../route.js';
import { MATCH_NAMES, PAGE_TITLES } from '../strings.zh-CN.js';

type Period = '7' | '30' | '90';

export function OverviewPage() {
  const { api } = useConsole();
  const [period, setPeriod] = useState<Period>('30');
  const days = Number(period);
  const overview = useLoad(() => api.overview({ days, tz: localOffsetMinutes(), top: 10 }), [days]);
  const data = overview.data;
  const rated = data ? data.feedback.helpful + data.feedback.notHelpful : 0;
  const topMax = data?.topQuestions.reduce((m, q) => Math.max(m, q.count), 0) ?? 0;
  const inquiries = useLoad(() => api.inquiries({ status: 'open', tz: localOffsetMinutes(), limit: 1 }), []).data;

  return (
    <section aria-labelledby="page-heading">
      <div class="page-head">
        <PageHeading title={PAGE_TITLES.overview}>{PAGE_TITLES.overview}</PageHeading>
        <Select<Period>
          id="overview-period"
          label="统计范围"
          value={period}
          onChange={setPeriod}
          options={[
            ['7', '近 7 天'],
            ['30', '近 30 天'],
            ['90', '近 90 天'],
          ]}
        />
      </div>
      {overview.error ? <ErrorNotice error={overview.error} title="概览数据加载失败" /> : null}
      {overview.loading && !data ? <Loading /> : null}
      {data ? (
        <div aria-busy={overview.loading ? 'true' : 'false'}>
          <p class="muted">统计自 {formatDateTime(data.since)} 起（按本机时区分日）。</p>
          <dl class="stat-cards">
            <div class="stat-card">
              <dt>提问总数</dt>
              <dd>{formatCount(data.totals.total)}</dd>
            </div>
            {ANSWER_KINDS.map((k) => (
              <div class="stat-card" key={k}>
                <dt>
                  <KindSwatch kind={k} />
                  {k === 'none' ? '未能回答' : `${MATCH_NAMES[k]}回答`}
                </dt>
                <dd>
                  {formatPercent(data.shares[k])}
                  <span class="stat-sub">{formatCount(data.totals[k])} 个</span>
                </dd>
              </div>
            ))}
            {inquiries ? (
              <div class="stat-card">
                <dt>
                  <a href={routeHref({ page: 'inquiries' })}>待答复留言</a>
                </dt>
                <dd>
                  {formatCount(inquiries.open)}
                  <span class="stat-sub">{inquiries.overdue > 0 ? `已超期 ${inquiries.overdue} 条` : `均未超过 ${inquiries.deadlineDays} 个工作日`}</span>
                </dd>
              </div>
            ) : null}
            <div class="stat-card">
              <dt>有帮助率</dt>
              <dd>
                {formatPercent(data.feedback.helpfulRate)}
                <span class="stat-sub">{rated > 0 ? `${data.feedback.helpful} / ${rated} 个评价` : '暂无评价'}</span>
              </dd>
            </div>
          </dl>

          <div class="panel">
            <h2>每日提问数</h2>
            <DailyChart id="daily-chart" days={data.days} />
            <ul class="legend" aria-hidden="true">
              {ANSWER_KINDS.map((k) => (
                <li key={k}>
                  <KindSwatch kind={k} />
                  {MATCH_NAMES[k]}
                </li>
              ))}
            </ul>
            <details class="data-details">
              <summary>以表格查看每日数据</summary>
              <table class="table table-compact">
                <caption class="visually-hidden">每日提问数</caption>
                <thead>
                  <tr>
                    <th scope="col">日期</th>
                    <th scope="col" class="num">合计</th>
                    <th scope="col" class="num">报告回答</th>
                    <th scope="col" class="num">常见问题回答</th>
                    <th scope="col" class="num">未能回答</th>
                  </tr>
                </thead>
                <tbody>
                  {data.days.map((d) => (
                    <tr key={d.date}>
                      <th scope="row">{d.date}</th>
                      <td class="num">{d.total}</td>
                      <td class="num">{d.corpus}</td>
                      <td class="num">{d.faq}</td>
                      <td class="num">{d.none}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </div>

          <div class="panel-grid">
            <div class="panel">
              <h2>回答来源占比</h2>
              <ShareBar shares={data.shares} totals={data.totals} />
            </div>
            <div class="panel">
              <h2>市民评价</h2>
              {rated > 0 ? (
                <>
                  <p class="big-number">{formatPercent(data.feedback.helpfulRate)}</p>
                  <InlineBar value={data.feedback.helpful} max={rated} kind="helpful" />
                  <p>
                    有帮助 {formatCount(data.feedback.helpful)} 个，没帮助 {formatCount(data.feedback.notHelpful)} 个。
                    <a href={routeHref({ page: 'feedback' })}>查看评价详情</a>
                  </p>
                </>
              ) : (
                <p class="muted">这段时间还没有市民评价回答。</p>
              )}
            </div>
          </div>

          <div class="panel">
            <h2 id="top-questions-heading">热门提问</h2>
            {data.topQuestions.length === 0 ? (
              <p class="muted">这段时间还没有提问。</p>
            ) : (
              <table class="table" aria-labelledby="top-questions-heading">
                <thead>
                  <tr>
                    <th scope="col" class="num">排名</th>
                    <th scope="col">问题</th>
                    <th scope="col" class="num">次数</th>
                    <th scope="col" class="bar-col">
                      <span class="visually-hidden">比例</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.topQuestions.map((q, i) => (
                    <tr key={q.question}>
                      <td class="num">{i + 1}</td>
                      <td>{q.question}</td>
                      <td class="num">{formatCount(q.count)}</td>
                      <td class="bar-col">
                        <InlineBar value={q.count} max={topMax} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}
