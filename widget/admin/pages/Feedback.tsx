// Owns the feedback list: citizens' 有帮助 / 没帮助 ratings with their comments and the questions they rate.
// Imports preact and the console's modules.
import { useState } from 'preact/hooks';
import { ErrorNotice, Loading, PageHeading, Select } from '../components/ui.js';
import { useConsole } from '../context.js';
import { formatDateTime } from '../format.js';
import { useLoad } from '../hooks.js';
import { routeHref } from '../route.js';
import { MATCH_NAMES, PAGE_TITLES } from '../strings.zh-CN.js';

type Filter = 'all' | 'helpful' | 'not';

export function FeedbackPage() {
  const { api } = useConsole();
  const [filter, setFilter] = useState<Filter>('all');
  const list = useLoad(() => api.feedback({ helpful: filter === 'all' ? null : filter === 'helpful' }), [filter]);
  const items = list.data?.feedback ?? [];
  return (
    <section aria-labelledby="page-heading">
      <div class="page-head">
        <PageHeading title={PAGE_TITLES.feedback}>{PAGE_TITLES.feedback}</PageHeading>
      </div>
      <p class="lead">市民对机器人回答的评价，最新的在前。被评为“没帮助”的问题也会出现在未解答问题中。</p>
      <div class="toolbar">
        <Select<Filter>
          id="feedback-filter"
          label="评价"
          value={filter}
          onChange={setFilter}
          options={[
            ['all', '全部'],
            ['helpful', '有帮助'],
            ['not', '没帮助'],
          ]}
        />
      </div>
      {list.error ? <ErrorNotice error={list.error} title="评价加载失败" /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <>
          <p class="result-count" role="status" aria-live="polite">
            {items.length === 0 ? '还没有评价。' : `共 ${items.length} 条评价`}
          </p>
          {items.length > 0 ? (
            <div class="table-wrap">
              <table class="table">
                <caption class="visually-hidden">用户反馈列表</caption>
                <thead>
                  <tr>
                    <th scope="col">时间</th>
                    <th scope="col">评价</th>
                    <th scope="col">意见</th>
                    <th scope="col">问题</th>
                    <th scope="col">回答来源</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((f) => (
                    <tr key={f.id}>
                      <td class="nowrap">{formatDateTime(f.createdAt)}</td>
                      <td>
                        <span class={f.helpful ? 'badge badge-ok' : 'badge badge-bad'}>{f.helpful ? '有帮助' : '没帮助'}</span>
                      </td>
                      <td class="prewrap">{f.comment ?? <span class="muted">无</span>}</td>
                      <td>{f.question ?? <span class="muted">（提问记录已过保留期）</span>}</td>
                      <td>
                        {f.matched === 'faq' && f.faqId !== null ? (
                          <a href={routeHref({ page: 'faq-edit', id: f.faqId })}>常见问题 #{f.faqId}</a>
                        ) : f.matched ? (
                          MATCH_NAMES[f.matched]
                        ) : (
                          <span class="muted">—</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
