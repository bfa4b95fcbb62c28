// Owns the audit log: every change to an FAQ entry (who, when, what) with the fields it changed, optionally for
// one entry. Imports preact and the console's modules.
import { useState } from 'preact/hooks';
import { ErrorNotice, Loading, PageHeading, TextField } from '../components/ui.js';
import { useConsole } from '../context.js';
import { diffEntries } from '../faq-form.js';
import { formatDateTime, truncate } from '../format.js';
import { useLoad } from '../hooks.js';
import { routeHref } from '../route.js';
import { AUDIT_ACTION_NAMES, FAQ_FIELD_NAMES, PAGE_TITLES } from '../strings.zh-CN.js';

/** `staff:王芳` → 王芳; `staff` → 工作人员. */
function actorName(actor: string): string {
  if (actor === 'staff') return '工作人员';
  return actor.startsWith('staff:') ? actor.slice('staff:'.length) : actor;
}

export function AuditPage({ faqId }: { faqId: number | null }) {
  const { api, navigate } = useConsole();
  const [filter, setFilter] = useState(faqId === null ? '' : String(faqId));
  const [filterError, setFilterError] = useState<string | undefined>(undefined);
  const log = useLoad(() => api.audit({ faqId }), [faqId]);
  const entries = log.data?.entries ?? [];

  return (
    <section aria-labelledby="page-heading">
      <PageHeading title={PAGE_TITLES.audit}>{PAGE_TITLES.audit}</PageHeading>
      <p class="lead">常见问题的每一次新建、修改、删除和导入，最新的在前。</p>
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          const text = filter.trim().replace(/^#/, '');
          if (text && !/^[1-9]\d*$/.test(text)) {
            setFilterError('请填写条目编号（数字）');
            return;
          }
          setFilterError(undefined);
          navigate({ page: 'audit', faqId: text ? Number(text) : null });
        }}
      >
        <TextField id="audit-faq" label="条目编号" value={filter} onInput={setFilter} inputMode="numeric" error={filterError} hint="留空显示全部" />
        <button type="submit" class="button">
          筛选
        </button>
      </form>
      {log.error ? <ErrorNotice error={log.error} title="操作日志加载失败" /> : null}
      {log.loading && !log.data ? <Loading /> : null}
      {log.data ? (
        <>
          <p class="result-count" role="status" aria-live="polite">
            {entries.length === 0 ? '没有操作记录。' : `共 ${entries.length} 条记录${faqId !== null ? `（常见问题 #${faqId}）` : ''}`}
          </p>
          {entries.length > 0 ? (
            <div class="table-wrap">
              <table class="table">
                <caption class="visually-hidden">操作日志</caption>
                <thead>
                  <tr>
                    <th scope="col">时间</th>
                    <th scope="col">操作人</th>
                    <th scope="col">操作</th>
                    <th scope="col">条目</th>
                    <th scope="col">变更</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((a) => {
                    const subject = a.after ?? a.before;
                    const changes = diffEntries(a.before, a.after);
                    return (
                      <tr key={a.id}>
                        <td class="nowrap">{formatDateTime(a.at)}</td>
                        <td>{actorName(a.actor)}</td>
                        <td>{AUDIT_ACTION_NAMES[a.action] ?? a.action}</td>
                        <td>
                          {a.action === 'delete' ? (
                            <>#{a.entityId}</>
                          ) : (
                            <a href={routeHref({ page: 'faq-edit', id: a.entityId })}>#{a.entityId}</a>
                          )}{' '}
                          {subject ? truncate(subject.question, 40) : ''}
                        </td>
                        <td>
                          {changes.length === 0 ? (
                            <span class="muted">无变化</span>
                          ) : (
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
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
