// Owns the unanswered list: questions the robot could not answer or whose answer was rated 没帮助, grouped, with a
// one-click 「回答此问题」 that opens a new FAQ entry with the question filled in. Imports preact and the console's
// modules.
import { useState } from 'preact/hooks';
import type { AdminUnansweredResponse } from '../../../server/contract.js';
import { RecordList, type RecordColumn } from '../components/RecordList.js';
import { Checkbox, Select } from '../components/ui.js';
import { useConsole } from '../context.js';
import { formatDateTime } from '../format.js';
import { useLoad } from '../hooks.js';
import { routeHref } from '../route.js';
import { PAGE_TITLES } from '../strings.zh-CN.js';

type Days = '7' | '30' | '90' | '365';

/** Groups per page: each one is checked against the FAQ on the server. */
const PAGE_SIZE = 50;
type Group = AdminUnansweredResponse['groups'][number];

const COLUMNS: Array<RecordColumn<Group>> = [
  { label: '问题', rowHeader: true, cellClass: 'cell-question', cell: (g) => g.question },
  { label: '未回答', numeric: true, cell: (g) => g.unanswered },
  { label: '没帮助', numeric: true, cell: (g) => g.notHelpful },
  { label: '合计', numeric: true, cell: (g) => g.total },
  { label: '最近提问', cellClass: 'nowrap', cell: (g) => formatDateTime(g.lastAskedAt) },
  {
    label: '处理',
    cellClass: 'actions',
    cell: (g) => (
      <>
        {g.resolvedBy !== null ? (
          <span class="status-ok">
            已由 <a href={routeHref({ page: 'faq-edit', id: g.resolvedBy })}>常见问题 #{g.resolvedBy}</a> 解答
          </span>
        ) : (
          <a class="button button-small button-primary" href={routeHref({ page: 'faq-new', question: g.question })} aria-label={`回答此问题：${g.question}`}>
            回答此问题
          </a>
        )}
        {g.faqId !== null && g.faqId !== g.resolvedBy ? (
          <a class="button button-small" href={routeHref({ page: 'faq-edit', id: g.faqId })} aria-label={`修改被评为没帮助的常见问题 #${g.faqId}`}>
            修改 #{g.faqId}
          </a>
        ) : null}
        <a class="button button-small" href={routeHref({ page: 'test', question: g.question })} aria-label={`命中测试：${g.question}`}>
          命中测试
        </a>
      </>
    ),
  },
];

export function UnansweredPage() {
  const { api } = useConsole();
  const [days, setDaysState] = useState<Days>('30');
  const [sort, setSortState] = useState<'count' | 'recent'>('count');
  const [resolved, setResolvedState] = useState(false);
  // Where each page seen so far starts: the last is the page shown; 上一页 goes back one.
  const [starts, setStarts] = useState<number[]>([0]);
  const offset = starts[starts.length - 1]!;
  const list = useLoad(() => api.unanswered({ days: Number(days), sort, resolved, limit: PAGE_SIZE, offset }), [days, sort, resolved, offset]);
  const data = list.data;
  const groups = data?.groups ?? [];
  // Another filter is another list: back to its first page.
  const refilter =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setStarts([0]);
    };
  const setDays = refilter(setDaysState);
  const setSort = refilter(setSortState);
  const setResolved = refilter(setResolvedState);
  const hidden = data?.hiddenResolved ?? 0;
  const summary = !data
    ? ''
    : data.total === 0 || (groups.length === 0 && data.offset === 0 && data.nextOffset === null)
      ? `没有未解答的问题。${hidden > 0 ? `（${hidden} 组已由常见问题解答，勾选「显示已由常见问题解答的问题」可查看）` : ''}`
      : `共 ${data.total} 组问题${hidden > 0 ? `，此页另有 ${hidden} 组已由常见问题解答，未列出` : ''}`;

  return (
    <RecordList
      title={PAGE_TITLES.unanswered}
      lead="市民提问后机器人没能回答，或回答被评为“没帮助”的问题，按相同问法合并。点「回答此问题」写一条常见问题，保存后机器人立即能回答；已被新条目解答的问题会从列表中消失。"
      toolbar={
        <>
          <Select<Days>
            id="unanswered-days"
            label="时间范围"
            value={days}
            onChange={setDays}
            options={[
              ['7', '近 7 天'],
              ['30', '近 30 天'],
              ['90', '近 90 天'],
              ['365', '近一年'],
            ]}
          />
          <Select<'count' | 'recent'>
            id="unanswered-sort"
            label="排序"
            value={sort}
            onChange={setSort}
            options={[
              ['count', '按提问次数'],
              ['recent', '按最近提问'],
            ]}
          />
          <Checkbox id="unanswered-resolved" label="显示已由常见问题解答的问题" checked={resolved} onChange={setResolved} />
        </>
      }
      load={list}
      errorTitle="未解答问题加载失败"
      rows={groups}
      rowKey={(g) => g.key}
      columns={COLUMNS}
      caption="未解答问题列表"
      summary={summary}
      pager={
        data
          ? {
              label: `第 ${starts.length} 页，共 ${Math.max(1, Math.ceil(data.total / PAGE_SIZE))} 页`,
              onPrevious: starts.length > 1 ? () => setStarts(starts.slice(0, -1)) : null,
              onNext: data.nextOffset !== null ? () => setStarts([...starts, data.nextOffset!]) : null,
            }
          : null
      }
    />
  );
}
