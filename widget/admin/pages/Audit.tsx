// Owns the audit log: every change to an FAQ entry (who, when, what) with the fields it changed, optionally for
// one entry. Imports preact and the console's modules.
import { useState } from 'preact/hooks';
import type { AdminAuditResponse } from '../../../server/contract.js';
import { RecordList, type RecordColumn } from '../components/RecordList.js';
import { TextField } from '../components/ui.js';
import { useConsole } from '../context.js';
import { diffEntries } from '../faq-form.js';
import { formatDateTime, truncate } from '../format.js';
import { useLoad } from '../hooks.js';
import { routeHref } from '../route.js';
import { AUDIT_ACTION_NAMES, FAQ_FIELD_NAMES, PAGE_TITLES } from '../strings.zh-CN.js';

type Change = AdminAuditResponse['entries'][number];

/** `staff:王芳` → 王芳; `staff` → 工作人员. */
function actorName(actor: string): string {
  if (actor === 'staff') return '工作人员';
  return actor.startsWith('staff:') ? actor.slice('staff:'.length) : actor;
}

function ChangedFields({ change: a }: { change: Change }) {
  const changes = diffEntries(a.before, a.after);
  if (changes.length === 0) return <span class="muted">无变化</span>;
  return (
    <ul class="changes">
      {changes.map((c) => (
        <li key={c.field}>
          <span class="change-field">{FAQ_FIELD_NAMES[c.field]}</span>：
          {a.before && a.after ? (
            <>
              <del>{truncate(c.before, 80)}</del> → <ins>{truncate(c.after, 80)}</ins>
            </>
          ) : (
            truncate(a.after ? c.after : c.before, 80)
          )}
        </li>
      ))}
    </ul>
  );
}

const COLUMNS: Array<RecordColumn<Change>> = [
  { label: '时间', cellClass: 'nowrap', cell: (a) => formatDateTime(a.at) },
  { label: '操作人', cell: (a) => actorName(a.actor) },
  { label: '操作', cell: (a) => AUDIT_ACTION_NAMES[a.action] ?? a.action },
  {
    label: '条目',
    cell: (a) => {
      const subject = a.after ?? a.before;
      return (
        <>
          {a.action === 'delete' ? <>#{a.entityId}</> : <a href={routeHref({ page: 'faq-edit', id: a.entityId })}>#{a.entityId}</a>}{' '}
          {subject ? truncate(subject.question, 40) : ''}
        </>
      );
    },
  },
  { label: '变更', cell: (a) => <ChangedFields change={a} /> },
];

export function AuditPage({ faqId }: { faqId: number | null }) {
  const { api, navigate } = useConsole();
  const [filter, setFilter] = useState(faqId === null ? '' : String(faqId));
  const [filterError, setFilterError] = useState<string | undefined>(undefined);
  const log = useLoad(() => api.audit({ faqId }), [faqId]);
  const entries = log.data?.entries ?? [];

  return (
    <RecordList
      title={PAGE_TITLES.audit}
      lead="常见问题的每一次新建、修改、删除和导入，最新的在前。"
      onToolbarSubmit={() => {
        const text = filter.trim().replace(/^#/, '');
        if (text && !/^[1-9]\d*$/.test(text)) {
          setFilterError('请填写条目编号（数字）');
          return;
        }
        setFilterError(undefined);
        navigate({ page: 'audit', faqId: text ? Number(text) : null });
      }}
      toolbar={
        <>
          <TextField id="audit-faq" label="条目编号" value={filter} onInput={setFilter} inputMode="numeric" error={filterError} hint="留空显示全部" />
          <button type="submit" class="button">
            筛选
          </button>
        </>
      }
      load={log}
      errorTitle="操作日志加载失败"
      rows={entries}
      rowKey={(a) => a.id}
      columns={COLUMNS}
      caption="操作日志"
      summary={entries.length === 0 ? '没有操作记录。' : `共 ${entries.length} 条记录${faqId !== null ? `（常见问题 #${faqId}）` : ''}`}
    />
  );
}
