// Owns the feedback list: citizens' 有帮助 / 没帮助 ratings with their comments and the questions they rate.
// Imports preact and the console's modules.
import { useState } from 'preact/hooks';
import type { AdminFeedbackResponse } from '../../../server/contract.js';
import { RecordList, type RecordColumn } from '../components/RecordList.js';
import { Select } from '../components/ui.js';
import { useConsole } from '../context.js';
import { formatDateTime } from '../format.js';
import { useLoad } from '../hooks.js';
import { routeHref } from '../route.js';
import { MATCH_NAMES, PAGE_TITLES } from '../strings.zh-CN.js';

type Filter = 'all' | 'helpful' | 'not';
type Rating = AdminFeedbackResponse['feedback'][number];

const COLUMNS: Array<RecordColumn<Rating>> = [
  { label: '时间', cellClass: 'nowrap', cell: (f) => formatDateTime(f.createdAt) },
  { label: '评价', cell: (f) => <span class={f.helpful ? 'badge badge-ok' : 'badge badge-bad'}>{f.helpful ? '有帮助' : '没帮助'}</span> },
  { label: '意见', cellClass: 'prewrap', cell: (f) => f.comment ?? <span class="muted">无</span> },
  { label: '问题', cell: (f) => f.question ?? <span class="muted">（提问记录已过保留期）</span> },
  {
    label: '回答来源',
    cell: (f) =>
      f.matched === 'faq' && f.faqId !== null ? (
        <a href={routeHref({ page: 'faq-edit', id: f.faqId })}>常见问题 #{f.faqId}</a>
      ) : f.matched ? (
        MATCH_NAMES[f.matched]
      ) : (
        <span class="muted">—</span>
      ),
  },
];

export function FeedbackPage() {
  const { api } = useConsole();
  const [filter, setFilter] = useState<Filter>('all');
  const list = useLoad(() => api.feedback({ helpful: filter === 'all' ? null : filter === 'helpful' }), [filter]);
  const items = list.data?.feedback ?? [];
  return (
    <RecordList
      title={PAGE_TITLES.feedback}
      lead="市民对机器人回答的评价，最新的在前。被评为“没帮助”的问题也会出现在未解答问题中。"
      toolbar={
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
      }
      load={list}
      errorTitle="评价加载失败"
      rows={items}
      rowKey={(f) => f.id}
      columns={COLUMNS}
      caption="用户反馈列表"
      summary={items.length === 0 ? '还没有评价。' : `共 ${items.length} 条评价`}
    />
  );
}
