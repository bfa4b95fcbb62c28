// Owns the FAQ table: search and filter, switching an entry on/off and hot/not, deleting with confirmation, and
// the way to create or edit an entry. Imports preact and the console's modules.
import { useMemo, useState } from 'preact/hooks';
import type { AdminFaqEntry } from '../../../server/contract.js';
import type { AdminApiError } from '../api.js';
import { ConfirmDialog, type ConfirmRequest } from '../components/ConfirmDialog.js';
import { ErrorNotice, Loading, Notice, PageHeading, Select, TextField } from '../components/ui.js';
import { useConsole } from '../context.js';
import { filterEntries, type FaqFilter } from '../faq-form.js';
import { formatDateTime, truncate } from '../format.js';
import { asApiError, useLoad } from '../hooks.js';
import { routeHref } from '../route.js';
import { PAGE_TITLES } from '../strings.zh-CN.js';

export function FaqListPage() {
  const { api } = useConsole();
  const list = useLoad(() => api.listFaq(), []);
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<FaqFilter>('all');
  const [busy, setBusy] = useState<number | null>(null);
  // The flag being switched shows its new value while the server confirms it (a checkbox must not jump back).
  const [pending, setPending] = useState<{ id: number; field: 'enabled' | 'hot'; value: boolean } | null>(null);
  const [problem, setProblem] = useState<{ error: AdminApiError; title: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<(ConfirmRequest & { entry: AdminFaqEntry }) | null>(null);

  const entries = list.data ?? [];
  const shown = useMemo(() => filterEntries(entries, search, filter), [entries, search, filter]);

  const replace = (entry: AdminFaqEntry) => list.setData((d) => (d ?? []).map((e) => (e.id === entry.id ? entry : e)));

  async function toggle(entry: AdminFaqEntry, field: 'enabled' | 'hot') {
    if (busy !== null) return;
    setBusy(entry.id);
    setPending({ id: entry.id, field, value: !entry[field] });
    setProblem(null);
    setDone(null);
    try {
      const updated = await api.updateFaq(entry.id, { version: entry.version, [field]: !entry[field] });
      replace(updated);
      const what =
        field === 'enabled' ? (updated.enabled ? '已启用' : '已停用') : updated.hot ? '已设为热门问题' : '已取消热门问题';
      setDone(`「${truncate(updated.question, 30)}」${what}。`);
    } catch (failure) {
      const error = asApiError(failure);
      if (error.code === 'version_conflict' && error.current) {
        replace(error.current);
        setProblem({ error, title: `「${truncate(entry.question, 30)}」已被他人修改，已载入最新内容。请确认后重新操作。` });
      } else {
        setProblem({ error, title: '操作没有成功' });
      }
    } finally {
      setBusy(null);
      setPending(null);
    }
  }

  const flagOf = (e: AdminFaqEntry, field: 'enabled' | 'hot') =>
    pending && pending.id === e.id && pending.field === field ? pending.value : e[field];

  async function remove(entry: AdminFaqEntry) {
    setConfirm(null);
    if (busy !== null) return;
    setBusy(entry.id);
    setProblem(null);
    setDone(null);
    try {
      await api.deleteFaq(entry.id, entry.version);
      list.setData((d) => (d ?? []).filter((e) => e.id !== entry.id));
      setDone(`已删除「${truncate(entry.question, 30)}」。删除前的内容记录在操作日志中。`);
      // The row (and its button) is gone: keep keyboard users on the page, at the search box.
      document.getElementById('faq-search')?.focus();
    } catch (failure) {
      const error = asApiError(failure);
      if (error.code === 'version_conflict' && error.current) {
        replace(error.current);
        setProblem({ error, title: `「${truncate(entry.question, 30)}」已被他人修改，没有删除。已载入最新内容，请确认后再操作。` });
      } else if (error.code === 'not_found') {
        list.setData((d) => (d ?? []).filter((e) => e.id !== entry.id));
        setProblem({ error, title: '此条目已被他人删除。' });
      } else {
        setProblem({ error, title: '删除没有成功' });
      }
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="page-heading">
      <div class="page-head">
        <PageHeading title={PAGE_TITLES.faq}>{PAGE_TITLES.faq}</PageHeading>
        <a class="button button-primary" href={routeHref({ page: 'faq-new', question: '' })}>
          新建常见问题
        </a>
      </div>
      <p class="lead">机器人先用已启用的常见问题回答，再查找报告。修改保存后，下一次提问立即生效。</p>
      <div class="toolbar" role="search">
        <TextField id="faq-search" label="搜索" type="search" value={search} onInput={setSearch} hint="按问题、相似问法、答案、标签或编号查找" />
        <Select<FaqFilter>
          id="faq-filter"
          label="显示"
          value={filter}
          onChange={setFilter}
          options={[
            ['all', '全部'],
            ['enabled', '已启用'],
            ['disabled', '已停用'],
            ['hot', '热门问题'],
          ]}
        />
        <button type="button" class="button" onClick={() => list.reload()}>
          刷新
        </button>
      </div>
      {problem ? (
        <ErrorNotice error={problem.error} title={problem.title}>
          <button type="button" class="button" onClick={() => list.reload()}>
            重新载入列表
          </button>
        </ErrorNotice>
      ) : null}
      {done ? <Notice kind="success">{done}</Notice> : null}
      {list.error ? <ErrorNotice error={list.error} title="常见问题加载失败" /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <>
          <p class="result-count" role="status" aria-live="polite">
            共 {entries.length} 条{shown.length !== entries.length ? `，显示 ${shown.length} 条` : ''}
          </p>
          {shown.length === 0 ? (
            <p class="empty">{entries.length === 0 ? '还没有常见问题。点“新建常见问题”写第一条。' : '没有符合条件的常见问题。'}</p>
          ) : (
            <div class="table-wrap">
              <table class="table">
                <caption class="visually-hidden">常见问题列表</caption>
                <thead>
                  <tr>
                    <th scope="col" class="num">编号</th>
                    <th scope="col">问题</th>
                    <th scope="col">相似问法</th>
                    <th scope="col">标签</th>
                    <th scope="col">启用</th>
                    <th scope="col">热门</th>
                    <th scope="col">更新时间</th>
                    <th scope="col">操作</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((e) => (
                    <tr key={e.id} class={e.enabled ? '' : 'row-disabled'}>
                      <td class="num">{e.id}</td>
                      <th scope="row" class="cell-question">
                        <a href={routeHref({ page: 'faq-edit', id: e.id })}>{e.question}</a>
                      </th>
                      <td class="cell-alternatives">
                        {e.alternatives.length === 0 ? (
                          <span class="muted">无</span>
                        ) : (
                          <>
                            {e.alternatives.slice(0, 2).map((a) => (
                              <span class="alt" key={a}>
                                {a}
                              </span>
                            ))}
                            {e.alternatives.length > 2 ? <span class="muted">等 {e.alternatives.length} 条</span> : null}
                          </>
                        )}
                      </td>
                      <td>
                        {e.tags.map((t) => (
                          <span class="tag" key={t}>
                            {t}
                          </span>
                        ))}
                      </td>
                      <td>
                        <FlagBox id={`faq-enabled-${e.id}`} label="启用" question={e.question} checked={flagOf(e, 'enabled')} busy={busy === e.id} onChange={() => toggle(e, 'enabled')} />
                      </td>
                      <td>
                        <FlagBox id={`faq-hot-${e.id}`} label="热门" question={e.question} checked={flagOf(e, 'hot')} busy={busy === e.id} onChange={() => toggle(e, 'hot')} />
                      </td>
                      <td class="nowrap">{formatDateTime(e.updatedAt)}</td>
                      <td class="actions">
                        <a class="button button-small" href={routeHref({ page: 'faq-edit', id: e.id })} aria-label={`编辑：${e.question}`}>
                          编辑
                        </a>
                        <button
                          type="button"
                          class="button button-small button-danger-outline"
                          aria-label={`删除：${e.question}`}
                          aria-disabled={busy === e.id ? 'true' : undefined}
                          onClick={() =>
                            setConfirm({
                              entry: e,
                              title: '删除常见问题',
                              message: (
                                <p>
                                  确定删除「{e.question}」吗？删除后机器人不再用它回答。删除前的内容会保留在操作日志中。
                                </p>
                              ),
                              confirmLabel: '删除',
                              danger: true,
                            })
                          }
                        >
                          删除
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
      <ConfirmDialog request={confirm} onCancel={() => setConfirm(null)} onConfirm={() => confirm && remove(confirm.entry)} />
    </section>
  );
}

/** A flag of one entry, switched in place: a checkbox named by the flag and the entry's question. */
function FlagBox(props: { id: string; label: string; question: string; checked: boolean; busy: boolean; onChange: () => void }) {
  // Never `disabled` while saving: that would throw keyboard focus out of the table.
  return (
    <span class="flag">
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        aria-label={`${props.label}：${props.question}`}
        aria-busy={props.busy ? 'true' : undefined}
        onChange={props.onChange}
      />
      <label for={props.id}>{props.label}</label>
    </span>
  );
}
