// Owns creating and editing one FAQ entry: the form with field errors from the API next to each field, the version
// it edits, what to do when someone else changed the entry first (409), and deleting it. Imports preact and the
// console's modules.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminFaqEntry } from '../../../server/contract.js';
import type { AdminApiError } from '../api.js';
import { ConfirmDialog, type ConfirmRequest } from '../components/ConfirmDialog.js';
import { Checkbox, ErrorNotice, Loading, Notice, PageHeading, TextArea, TextField } from '../components/ui.js';
import { useConsole } from '../context.js';
import { emptyFaqForm, formChanged, formFromEntry, requestFromForm, type FaqForm } from '../faq-form.js';
import { formatDateTime } from '../format.js';
import { asApiError } from '../hooks.js';
import { routeHref } from '../route.js';
import { FAQ_FIELD_NAMES, translateFieldError } from '../strings.zh-CN.js';

/** The form fields in page order: where an error summary links to, and which field takes focus first. */
const FIELD_ORDER = ['question', 'alternatives', 'answer', 'link', 'tags', 'enabled', 'hot', 'version'] as const;
const fieldId = (field: string) => `faq-${field}`;

export function FaqEditorPage({ id, question }: { id: number | null; question: string }) {
  const { api, navigate } = useConsole();
  const [entry, setEntry] = useState<AdminFaqEntry | null>(null);
  const [form, setForm] = useState<FaqForm>(() => emptyFaqForm(question));
  const [loadError, setLoadError] = useState<AdminApiError | null>(null);
  const [loading, setLoading] = useState(id !== null);
  const [saving, setSaving] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<AdminApiError | null>(null);
  const [conflict, setConflict] = useState<{ mine: number; current: AdminFaqEntry } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const questionInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    setLoading(true);
    api.getFaq(id).then(
      (e) => {
        if (!live) return;
        setEntry(e);
        setForm(formFromEntry(e));
        setLoading(false);
      },
      (error: unknown) => {
        if (!live) return;
        setLoadError(asApiError(error));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [id, api]);

  const set = <K extends keyof FaqForm>(key: K) => (value: FaqForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setSaved(null);
  };

  async function save(event: Event) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setFieldErrors({});
    setFailure(null);
    setConflict(null);
    setSaved(null);
    const body = requestFromForm(form);
    try {
      if (entry) {
        const updated = await api.updateFaq(entry.id, { ...body, version: entry.version });
        setEntry(updated);
        setForm(formFromEntry(updated));
        setSaved(`已保存（版本 ${updated.version}）。机器人下一次回答即使用新内容。`);
      } else {
        const created = await api.createFaq(body);
        navigate({ page: 'faq-edit', id: created.id }, `已创建常见问题 #${created.id}。机器人下一次回答即可使用。`);
      }
    } catch (error) {
      const e = asApiError(error);
      if (e.code === 'invalid_faq' && Object.keys(e.fields).length > 0) {
        setFieldErrors(Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, translateFieldError(v)])));
      } else if (e.code === 'version_conflict' && e.current && entry) {
        setConflict({ mine: entry.version, current: e.current });
      } else {
        setFailure(e);
      }
    } finally {
      setSaving(false);
    }
  }

  function reloadLatest() {
    if (!conflict) return;
    setEntry(conflict.current);
    setForm(formFromEntry(conflict.current));
    setConflict(null);
    setSaved(`已载入最新内容（版本 ${conflict.current.version}）。请重新修改后保存。`);
    questionInput.current?.focus();
  }

  async function remove() {
    if (!entry) return;
    setConfirm(null);
    setFailure(null);
    try {
      await api.deleteFaq(entry.id, entry.version);
      navigate({ page: 'faq' }, `已删除常见问题 #${entry.id}「${entry.question}」。删除前的内容记录在操作日志中。`);
    } catch (error) {
      const e = asApiError(error);
      if (e.code === 'version_conflict' && e.current) setConflict({ mine: entry.version, current: e.current });
      else setFailure(e);
    }
  }

  const errorList = FIELD_ORDER.filter((f) => fieldErrors[f]).concat(
    Object.keys(fieldErrors).filter((f) => !(FIELD_ORDER as readonly string[]).includes(f)) as never[],
  );
  const title = id === null ? '新建常见问题' : `编辑常见问题 #${id}`;

  return (
    <section aria-labelledby="page-heading">
      <p class="breadcrumb">
        <a href={routeHref({ page: 'faq' })}>常见问题</a> › {id === null ? '新建' : `#${id}`}
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {loading ? <Loading /> : null}
      {loadError ? (
        <ErrorNotice error={loadError} title={loadError.code === 'not_found' ? `常见问题 #${id} 不存在，可能已被删除。` : '加载失败'}>
          <p>
            <a href={routeHref({ page: 'faq' })}>返回常见问题列表</a>
          </p>
        </ErrorNotice>
      ) : null}
      {id === null && question ? (
        <Notice kind="info">
          来自未解答问题：「{question}」。写好答案并保存后，机器人即可回答这个问题。
        </Notice>
      ) : null}
      {errorList.length > 0 ? (
        <Notice kind="error" title="请修改以下问题后再保存：" focus>
          <ul class="error-summary">
            {errorList.map((f) => (
              <li key={f}>
                <a
                  href={`#${fieldId(f)}`}
                  onClick={(e) => {
                    // Not a route: move to the field instead of changing the page's hash.
                    e.preventDefault();
                    document.getElementById(fieldId(f))?.focus();
                  }}
                >
                  {FAQ_FIELD_NAMES[f] ?? f}：{fieldErrors[f]}
                </a>
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {conflict ? (
        <Notice kind="error" title="保存失败：此条目已被他人修改" focus>
          <p>
            您编辑的是版本 {conflict.mine}，现在已是版本 {conflict.current.version}（{formatDateTime(conflict.current.updatedAt)} 更新）。您的修改尚未保存。
          </p>
          <dl class="conflict-current">
            <dt>现在的问题</dt>
            <dd>{conflict.current.question}</dd>
            <dt>现在的答案</dt>
            <dd class="prewrap">{conflict.current.answer}</dd>
            <dt>启用 / 热门</dt>
            <dd>
              {conflict.current.enabled ? '已启用' : '已停用'} / {conflict.current.hot ? '热门' : '非热门'}
            </dd>
          </dl>
          <div class="button-row">
            <button type="button" class="button button-primary" onClick={reloadLatest}>
              载入最新内容（放弃我的修改）
            </button>
          </div>
          <p class="field-hint">如需保留您的修改，请先复制下面表单中的内容，载入最新内容后再粘贴保存。</p>
        </Notice>
      ) : null}
      {failure ? <ErrorNotice error={failure} title="保存没有成功" /> : null}
      {saved ? <Notice kind="success">{saved}</Notice> : null}

      {!loading && !loadError ? (
        <form class="form" onSubmit={save} noValidate aria-describedby={entry ? 'faq-meta' : undefined}>
          {entry ? (
            <p id="faq-meta" class="muted">
              版本 {entry.version} · 创建于 {formatDateTime(entry.createdAt)} · 更新于 {formatDateTime(entry.updatedAt)}
            </p>
          ) : null}
          <TextField
            id={fieldId('question')}
            inputRef={questionInput}
            label="问题"
            required
            wide
            value={form.question}
            onInput={set('question')}
            error={fieldErrors.question}
            hint="市民最常用的问法，200 字以内"
            maxLength={200}
          />
          <TextArea
            id={fieldId('alternatives')}
            label="相似问法"
            rows={4}
            value={form.alternatives}
            onInput={set('alternatives')}
            error={fieldErrors.alternatives}
            hint="同一个问题的其他问法，每行一个，最多 50 条。没有匹配到的问法可以加在这里。"
          />
          <TextArea
            id={fieldId('answer')}
            label="答案"
            required
            rows={6}
            value={form.answer}
            onInput={set('answer')}
            error={fieldErrors.answer}
            hint="纯文本，按原样显示给市民，4000 字以内"
            maxLength={4000}
          />
          <TextField
            id={fieldId('link')}
            label="链接"
            type="url"
            wide
            value={form.link}
            onInput={set('link')}
            error={fieldErrors.link}
            hint="可选：详细说明的网址，以 http:// 或 https:// 开头"
            inputMode="url"
          />
          <TextField
            id={fieldId('tags')}
            label="标签"
            value={form.tags}
            onInput={set('tags')}
            error={fieldErrors.tags}
            hint="可选：用逗号或顿号分隔，例如：办事大厅、时间"
          />
          <fieldset class="fieldset">
            <legend>状态</legend>
            <Checkbox id={fieldId('enabled')} label="启用" hint="只有启用的条目会用来回答" checked={form.enabled} onChange={set('enabled')} />
            <Checkbox id={fieldId('hot')} label="热门问题" hint="在机器人中显示为“大家都在问”" checked={form.hot} onChange={set('hot')} />
            {fieldErrors.enabled || fieldErrors.hot ? <p class="field-error">{fieldErrors.enabled ?? fieldErrors.hot}</p> : null}
          </fieldset>
          <div class="button-row">
            <button type="submit" class="button button-primary" aria-disabled={saving ? 'true' : undefined}>
              {saving ? '正在保存…' : entry ? '保存修改' : '保存'}
            </button>
            <a class="button" href={routeHref({ page: 'faq' })}>
              {entry && !formChanged(form, entry) ? '返回列表' : '取消'}
            </a>
            {form.question.trim() ? (
              <a class="button" href={routeHref({ page: 'test', question: form.question.trim() })}>
                命中测试
              </a>
            ) : null}
            {entry ? (
              <>
                <a class="button" href={routeHref({ page: 'audit', faqId: entry.id })}>
                  修改记录
                </a>
                <button
                  type="button"
                  class="button button-danger-outline push-right"
                  onClick={() =>
                    setConfirm({
                      title: '删除常见问题',
                      message: <p>确定删除「{entry.question}」吗？删除后机器人不再用它回答。删除前的内容会保留在操作日志中。</p>,
                      confirmLabel: '删除',
                      danger: true,
                    })
                  }
                >
                  删除
                </button>
              </>
            ) : null}
          </div>
        </form>
      ) : null}
      <ConfirmDialog request={confirm} onCancel={() => setConfirm(null)} onConfirm={remove} />
    </section>
  );
}
