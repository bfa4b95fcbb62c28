// Owns the reports page: the published documents; uploading .html/.txt/.md files (sent as their bytes, so GBK pages
// survive), the preview of how each was read and split with its metadata editable, publishing with progress and
// the result or the build error, and replacing or removing a document. On Workers it shows how a report reaches
// the edge instead of an upload that cannot work there. Imports preact and the console's modules.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminPublishStatus, AdminReport, AdminReportFile, AdminReportPreview, AdminReportsResponse } from '../../../server/contract.js';
import type { AdminApiError } from '../api.js';
import { fileToBase64 } from '../base64.js';
import { ConfirmDialog, type ConfirmRequest } from '../components/ConfirmDialog.js';
import { ReportTable } from '../components/ReportTable.js';
import { ErrorNotice, Loading, Notice, PageHeading, TextField } from '../components/ui.js';
import { useConsole } from '../context.js';
import { externalHref, formatBytes, formatDateTime, formatDuration } from '../format.js';
import { asApiError, useLoad } from '../hooks.js';
import {
  checkMetaForm,
  checkReportFile,
  groupPassages,
  MAX_REPORT_FILES,
  metaFormFrom,
  metaOverrides,
  parsePublishedCounts,
  safeReportName,
  type MetaForm,
} from '../report-upload.js';
import { PAGE_TITLES } from '../strings.zh-CN.js';

/** A file chosen for publishing, with how the server read it and the metadata as staff edited it. */
interface Draft {
  key: string;
  /** The name on the staff's disk. */
  fileName: string;
  /** The name it is published under (a safe name, or the replaced report's file). */
  name: string;
  size: number;
  content: string;
  preview: AdminReportPreview;
  /** What the page says (the first preview). */
  original: MetaForm;
  meta: MetaForm;
}

/** What the page is waiting for while the index is rebuilt. */
interface Job {
  label: string;
  started: number;
}

const POLL_MS = 1000;

export function ReportsPage() {
  const { api, announce } = useConsole();
  const list = useLoad(() => api.reports(), []);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [replaceTarget, setReplaceTarget] = useState<AdminReport | null>(null);
  const [reading, setReading] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<AdminApiError | null>(null);
  const [metaErrors, setMetaErrors] = useState<Record<string, Partial<Record<keyof MetaForm, string>>>>({});
  const [job, setJob] = useState<Job | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; title: string; text: string; error?: AdminApiError } | null>(null);
  const [confirm, setConfirm] = useState<(ConfirmRequest & { run: () => void }) | null>(null);
  const [serverStatus, setServerStatus] = useState<AdminPublishStatus | null>(null);
  const [now, setNow] = useState(Date.now());
  const fileInput = useRef<HTMLInputElement>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const progressRef = useRef<HTMLDivElement>(null);

  const data: AdminReportsResponse | null = list.data;
  const status = serverStatus ?? data?.status ?? null;
  const othersBuilding = !job && status?.building === true;

  useEffect(() => {
    if (data) setServerStatus(data.status);
  }, [data]);

  // While the index is rebuilt (by us or by someone else), poll the publisher's status and tick the clock.
  useEffect(() => {
    if (!job && !othersBuilding) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      api.reports().then(
        (r) => {
          setServerStatus(r.status);
          // Someone else's publish finished: show the new list.
          if (!job && !r.status?.building) list.setData(() => r);
        },
        () => {
          // A failed poll changes nothing: the next one tries again.
        },
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [job, othersBuilding, api]);

  async function readFiles(files: File[]) {
    setPickError(null);
    setPreviewError(null);
    setOutcome(null);
    if (files.length === 0) {
      setPickError('请先选择要发布的报告文件。');
      fileInput.current?.focus();
      return;
    }
    if (files.length > MAX_REPORT_FILES) {
      setPickError(`一次最多选择 ${MAX_REPORT_FILES} 个文件。`);
      return;
    }
    if (replaceTarget && files.length !== 1) {
      setPickError('替换报告时请只选择一个文件。');
      return;
    }
    const problems = files.map(checkReportFile).filter((p): p is string => p !== null);
    if (problems.length > 0) {
      setPickError(problems.join('；'));
      return;
    }
    setReading(true);
    try {
      const chosen = await Promise.all(
        files.map(async (file, i) => ({
          file,
          name: replaceTarget ? replaceTarget.file : safeReportName(file.name),
          content: await fileToBase64(file),
          // Used in element ids (labels, aria-labelledby): letters and digits only.
          key: `f${Date.now().toString(36)}${i}`,
        })),
      );
      const { previews } = await api.previewReports(chosen.map((c) => ({ name: c.name, content: c.content })));
      const next = chosen.map((c, i): Draft => {
        const preview = previews[i] ?? { ok: false as const, name: c.name, reason: 'no preview' };
        const original = preview.ok ? metaFormFrom(preview.meta) : { title: '', date: '', issuer: '', url: '' };
        const meta = { ...original };
        if (replaceTarget) {
          // A replacement keeps what staff set on the old report when the new page does not say it.
          if (!meta.url && replaceTarget.url) meta.url = replaceTarget.url;
          if (!meta.issuer && replaceTarget.issuer) meta.issuer = replaceTarget.issuer;
        }
        return { key: c.key, fileName: c.file.name, name: c.name, size: c.file.size, content: c.content, preview, original, meta };
      });
      setDrafts(next);
      setMetaErrors({});
      announce(`已读取 ${next.length} 个文件，请检查预览后发布。`);
      requestAnimationFrame(() => previewHeading.current?.focus());
    } catch (e) {
      setPreviewError(asApiError(e));
    } finally {
      setReading(false);
    }
  }

  const filesFor = (ready: Draft[]): AdminReportFile[] =>
    ready.map((d) => {
      const meta = metaOverrides(d.original, d.meta);
      return { name: d.name, content: d.content, ...(Object.keys(meta).length > 0 ? { meta } : {}) };
    });

  function checkDrafts(ready: Draft[]): boolean {
    const errors: typeof metaErrors = {};
    for (const d of ready) {
      const e = checkMetaForm(d.meta);
      if (Object.keys(e).length > 0) errors[d.key] = e;
    }
    setMetaErrors(errors);
    const first = Object.entries(errors)[0];
    if (first) {
      const field = Object.keys(first[1])[0];
      document.getElementById(`meta-${first[0]}-${field}`)?.focus();
      return false;
    }
    return true;
  }

  async function repreview() {
    const ready = drafts.filter((d) => d.preview.ok);
    if (!checkDrafts(ready)) return;
    setPreviewError(null);
    setReading(true);
    try {
      const { previews } = await api.previewReports(filesFor(ready));
      setDrafts((all) => all.map((d) => {
        const i = ready.indexOf(d);
        return i >= 0 && previews[i] ? { ...d, preview: previews[i]! } : d;
      }));
      announce('预览已按修改后的信息更新。');
    } catch (e) {
      setPreviewError(asApiError(e));
    } finally {
      setReading(false);
    }
  }

  async function runJob(
    label: string,
    work: () => Promise<{ documents: number; passages: number; ms: number }>,
    success: { title: string; text: string },
  ) {
    setOutcome(null);
    setJob({ label, started: Date.now() });
    setNow(Date.now());
    // The buttons are disabled while the index is rebuilt: keep keyboard focus on what is happening.
    requestAnimationFrame(() => progressRef.current?.focus());
    announce(`${label}：正在重建索引，完成前机器人继续使用原来的索引回答。`);
    try {
      const r = await work();
      const text = `${success.text}现在共有 ${r.documents} 份文档、${r.passages} 个段落，用时 ${formatDuration(r.ms)}。机器人已开始使用新索引回答。`;
      setOutcome({ ok: true, title: success.title, text });
      list.reload();
      return true;
    } catch (e) {
      const error = asApiError(e);
      setOutcome({ ok: false, title: `${label}没有完成`, text: '', error });
      if (error.code === 'build_failed') list.reload();
      return false;
    } finally {
      setJob(null);
      // The last poll may have seen our own build running; the reloaded list brings the publisher's status.
      setServerStatus(null);
      requestAnimationFrame(() => outcomeRef.current?.focus());
    }
  }

  async function publish(replace: boolean) {
    const ready = drafts.filter((d) => d.preview.ok);
    const ok = await runJob(
      `发布 ${ready.length} 份报告`,
      () => api.publishReports(filesFor(ready), replace),
      { title: '发布成功', text: `已发布：${ready.map((d) => `「${d.meta.title || d.name}」`).join('、')}。` },
    );
    if (ok) {
      setDrafts([]);
      setReplaceTarget(null);
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  function askPublish() {
    const ready = drafts.filter((d) => d.preview.ok);
    if (ready.length === 0) return;
    if (!checkDrafts(ready)) return;
    const existing = ready.filter((d) => d.preview.ok && d.preview.exists);
    if (existing.length === 0) {
      void publish(false);
      return;
    }
    setConfirm({
      title: '替换已发布的报告',
      message: (
        <>
          <p>以下文件已经发布过，发布后将用新文件替换：</p>
          <ul>
            {existing.map((d) => (
              <li key={d.key}>{d.name}</li>
            ))}
          </ul>
          <p>重建索引期间机器人继续使用原来的索引回答。</p>
        </>
      ),
      confirmLabel: '替换并发布',
      danger: true,
      run: () => void publish(true),
    });
  }

  function askRemove(report: AdminReport) {
    setConfirm({
      title: '删除报告',
      message: (
        <p>
          确定删除「{report.title}」（{report.file}）吗？删除后机器人不再引用这份报告。重建索引期间机器人继续使用原来的索引回答。
        </p>
      ),
      confirmLabel: '删除报告',
      danger: true,
      run: () =>
        void runJob(`删除「${report.title}」`, () => api.removeReport(report.slug), { title: '删除成功', text: `已删除「${report.title}」。` }),
    });
  }

  function startReplace(report: AdminReport) {
    setReplaceTarget(report);
    setDrafts([]);
    setOutcome(null);
    setPickError(null);
    if (fileInput.current) fileInput.current.value = '';
    requestAnimationFrame(() => fileInput.current?.focus());
  }

  const setMeta = (key: string, field: keyof MetaForm) => (value: string) =>
    setDrafts((all) => all.map((d) => (d.key === key ? { ...d, meta: { ...d.meta, [field]: value } } : d)));

  const canPublish = data?.canPublish ?? false;
  const elapsed = job ? now - job.started : status?.startedAt ? now - Date.parse(status.startedAt) : 0;

  return (
    <section aria-labelledby="page-heading">
      <PageHeading title={PAGE_TITLES.reports}>{PAGE_TITLES.reports}</PageHeading>
      <p class="lead">机器人从这里的报告中查找答案并注明出处。每年的政府信息公开年度报告、通知和办事指南都可以在这里发布。</p>
      {list.error ? <ErrorNotice error={list.error} title="报告列表加载失败" /> : null}
      {list.loading && !data ? <Loading /> : null}

      {job || othersBuilding ? (
        <div ref={progressRef} tabIndex={-1} class="notice notice-info progress-box" role="status" aria-live="polite">
          <p class="notice-title">{job ? `${job.label}：正在重建索引…` : '另一位工作人员正在发布报告，正在重建索引…'}</p>
          <progress aria-label="重建索引进度" />
          <p>
            已用 {formatDuration(Math.max(0, elapsed))}。完成前机器人继续使用原来的索引回答，请不要关闭本页。
          </p>
        </div>
      ) : null}
      {outcome ? (
        <div ref={outcomeRef} tabIndex={-1} class="outcome">
          {outcome.ok ? (
            <Notice kind="success" title={outcome.title}>
              <p>{outcome.text}</p>
            </Notice>
          ) : outcome.error ? (
            <ErrorNotice error={outcome.error} title={outcome.title}>
              {outcome.error.code === 'build_failed' ? <p>原来的索引仍在正常服务，市民的提问不受影响。请根据上面的说明修改文件后重新发布。</p> : null}
            </ErrorNotice>
          ) : null}
        </div>
      ) : null}

      {data && !canPublish ? <WorkersNote note={data.note} runtime={data.runtime} /> : null}

      {data ? (
        <div class="panel">
          <h2 id="reports-list-heading">已发布的报告（{data.reports.length}）</h2>
          {status?.last && !job && !outcome ? (
            <p class={status.last.ok ? 'muted' : 'status-bad'}>
              {status.last.ok ? '上次发布成功' : '上次发布失败'}（{formatDateTime(status.last.at)}）：
              {status.last.ok
                ? (() => {
                    const counts = parsePublishedCounts(status.last.message);
                    return counts ? `共 ${counts.documents} 份文档、${counts.passages} 个段落。` : status.last.message;
                  })()
                : status.last.message}
            </p>
          ) : null}
          <div class="table-wrap">
            <table class="table" aria-labelledby="reports-list-heading">
              <thead>
                <tr>
                  <th scope="col">标题</th>
                  <th scope="col">日期</th>
                  <th scope="col">发布机构</th>
                  <th scope="col">来源地址</th>
                  <th scope="col" class="num">段落数</th>
                  <th scope="col">添加时间</th>
                  {canPublish ? <th scope="col">操作</th> : null}
                </tr>
              </thead>
              <tbody>
                {data.reports.map((r) => (
                  <tr key={r.slug}>
                    <th scope="row" class="cell-question">
                      <a href={`/reports/${encodeURIComponent(r.slug)}`} target="_blank" rel="noopener">
                        {r.title}
                      </a>
                      <div class="muted small">{r.file}</div>
                    </th>
                    <td class="nowrap">{r.date ?? '—'}</td>
                    <td>{r.issuer ?? '—'}</td>
                    <td class="cell-url">
                      {r.url && externalHref(r.url) ? (
                        <a href={externalHref(r.url)!} target="_blank" rel="noopener noreferrer">
                          {r.url}
                        </a>
                      ) : r.url ? (
                        <span>{r.url}</span>
                      ) : (
                        <span class="muted">未填写</span>
                      )}
                    </td>
                    <td class="num">{r.passages}</td>
                    <td class="nowrap">{formatDateTime(r.addedAt)}</td>
                    {canPublish ? (
                      <td class="actions">
                        <button type="button" class="button button-small" disabled={job !== null || othersBuilding} onClick={() => startReplace(r)} aria-label={`替换：${r.title}`}>
                          替换
                        </button>
                        <button
                          type="button"
                          class="button button-small button-danger-outline"
                          disabled={job !== null || othersBuilding}
                          onClick={() => askRemove(r)}
                          aria-label={`删除：${r.title}`}
                        >
                          删除
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}

      {data && canPublish ? (
        <div class="panel">
          <h2 id="upload-heading">{replaceTarget ? `替换报告「${replaceTarget.title}」` : '上传新报告'}</h2>
          {replaceTarget ? (
            <Notice kind="warning">
              <p>
                选择新文件后，它将以原文件名 {replaceTarget.file} 发布并替换原报告。
                <button type="button" class="button button-small" onClick={() => setReplaceTarget(null)}>
                  取消替换
                </button>
              </p>
            </Notice>
          ) : (
            <p>
              选择从网站后台保存的页面（.html），或 .txt、.md 文件，GBK 或 UTF-8 编码均可，每个不超过 5 MB，一次最多 {MAX_REPORT_FILES}
              个。发布前会先预览：检查标题、日期、发布机构和来源地址，以及正文是怎样分节、分句的。
            </p>
          )}
          <form
            class="form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void readFiles([...(fileInput.current?.files ?? [])]);
            }}
          >
            <div class={`field${pickError ? ' field-invalid' : ''}`}>
              <label for="report-files" class="field-label">
                报告文件
              </label>
              <p id="report-files-hint" class="field-hint">
                .html、.htm、.txt 或 .md
              </p>
              {pickError ? (
                <p id="report-files-error" class="field-error">
                  {pickError}
                </p>
              ) : null}
              <input
                ref={fileInput}
                id="report-files"
                type="file"
                class="input-file"
                multiple={!replaceTarget}
                accept=".html,.htm,.txt,.md,text/html,text/plain,text/markdown"
                aria-describedby={pickError ? 'report-files-hint report-files-error' : 'report-files-hint'}
                disabled={job !== null}
              />
            </div>
            <div class="button-row">
              <button type="submit" class="button button-primary" disabled={reading || job !== null}>
                {reading ? '正在读取…' : '预览'}
              </button>
            </div>
          </form>
          {previewError ? <ErrorNotice error={previewError} title="预览没有成功" /> : null}
        </div>
      ) : null}

      {drafts.length > 0 && canPublish ? (
        <div class="panel preview-panel">
          <h2 ref={previewHeading} tabIndex={-1}>
            发布前预览（{drafts.length} 个文件）
          </h2>
          {drafts.map((d) => (
            <DraftPreview key={d.key} draft={d} errors={metaErrors[d.key] ?? {}} setMeta={(field) => setMeta(d.key, field)} />
          ))}
          <div class="button-row preview-actions">
            <button
              type="button"
              class="button button-primary"
              disabled={job !== null || othersBuilding || !drafts.some((d) => d.preview.ok)}
              onClick={askPublish}
            >
              发布
            </button>
            <button type="button" class="button" disabled={reading || job !== null} onClick={repreview}>
              按修改后的信息重新预览
            </button>
            <button
              type="button"
              class="button"
              disabled={job !== null}
              onClick={() => {
                setDrafts([]);
                setReplaceTarget(null);
                if (fileInput.current) fileInput.current.value = '';
                fileInput.current?.focus();
              }}
            >
              放弃
            </button>
          </div>
        </div>
      ) : null}

      <ConfirmDialog
        request={confirm}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const run = confirm?.run;
          setConfirm(null);
          run?.();
        }}
      />
    </section>
  );
}

/** On Workers: how a new report reaches the edge, instead of an upload form. */
function WorkersNote({ note, runtime }: { note: string | null; runtime: string }) {
  return (
    <Notice kind="warning" title="本服务运行在 Cloudflare Workers 上，不能在后台上传报告">
      <p>Workers 上不能重建索引（分词需要在 Node 上运行）。新报告要经过构建和部署才能生效：</p>
      <ol>
        <li>把报告文件放进代码仓库的 corpus/reports/ 目录；</li>
        <li>
          运行 <code>npm run build:index && npm run deploy</code>（或由 CI 自动完成）；
        </li>
        <li>部署完成后，边缘节点即使用新索引回答。</li>
      </ol>
      <p>也可以在 Node 服务器上的管理后台直接发布。</p>
      {note ? (
        <p class="notice-detail">
          服务器说明（{runtime}）：{note}
        </p>
      ) : null}
    </Notice>
  );
}

type ReadyPreview = Extract<AdminReportPreview, { ok: true }>;

/** How the file's bytes were read (charset, what did not decode and where) and how much of it repeats, as text. */
function ReadingFacts({ decoding, repetition, headingId }: { decoding: ReadyPreview['decoding']; repetition: ReadyPreview['repetition']; headingId: string }) {
  const unread = decoding.undecodable + decoding.privateUse;
  const share = repetition.total > 0 ? Math.round((repetition.repeated / repetition.total) * 100) : 0;
  return (
    <>
      <h4 id={headingId}>读取情况</h4>
      <p class="reading-charset">
        字符编码：{decoding.charset.toUpperCase()}；
        {decoding.undecodable > 0 ? `${decoding.undecodable} 处字节无法解码` : '字节全部解码'}
        {decoding.privateUse > 0 ? `，${decoding.privateUse} 个私用区字符` : ''}
        {unread > 0 ? '（不进入正文和回答）' : ''}
      </p>
      {decoding.places.length > 0 ? (
        <ul class="reading-places" aria-label={`无法读取的位置${decoding.places.length < unread ? `（前 ${decoding.places.length} 处）` : ''}`}>
          {decoding.places.map((place, i) => (
            <li key={i}>
              第 {place.line} 行第 {place.column} 列，{place.kind === 'undecodable' ? '无法解码' : '私用区字符'}：「{place.excerpt}」
            </li>
          ))}
        </ul>
      ) : null}
      <p class="reading-repetition">
        {repetition.total > 0
          ? `重复段落：${repetition.repeated} / ${repetition.total}（${share}%）${repetition.repeated > 0 ? '，重复的段落只索引一次' : ''}`
          : '重复段落：没有正文段落'}
      </p>
    </>
  );
}

/** One file's preview: problems, editable metadata, agency, warnings, tables, sections, sentences and the stripped page chrome. */
function DraftPreview({
  draft,
  errors,
  setMeta,
}: {
  draft: Draft;
  errors: Partial<Record<keyof MetaForm, string>>;
  setMeta: (field: keyof MetaForm) => (value: string) => void;
}) {
  const p = draft.preview;
  const headingId = `draft-${draft.key}-heading`;
  if (!p.ok) {
    return (
      <article class="draft" aria-labelledby={headingId}>
        <h3 id={headingId}>{draft.fileName}</h3>
        <Notice kind="error" title="这个文件无法发布">
          <p class="notice-detail">原因：{p.reason}</p>
        </Notice>
      </article>
    );
  }
  const sentences = p.passages.filter((x) => x.kind === 'sentence').length;
  const id = (field: keyof MetaForm) => `meta-${draft.key}-${field}`;
  return (
    <article class="draft" aria-labelledby={headingId}>
      <h3 id={headingId}>{p.meta.title || draft.fileName}</h3>
      <p class="muted">
        文件 {draft.fileName}（{formatBytes(draft.size)}）
        {draft.name !== draft.fileName ? `，将保存为 ${draft.name}` : ''}，网址 /reports/{p.slug}
        {p.meta.year ? `，${p.meta.year} 年度` : ''}
      </p>
      {p.exists ? (
        <Notice kind="warning">
          <p>已发布同名文件 {draft.name}：发布时会请您确认替换原报告。</p>
        </Notice>
      ) : null}
      <fieldset class="fieldset meta-fields">
        <legend>报告信息（发布前可修改）</legend>
        <TextField id={id('title')} label="标题" wide value={draft.meta.title} onInput={setMeta('title')} error={errors.title} />
        <TextField id={id('date')} label="发布日期" value={draft.meta.date} onInput={setMeta('date')} error={errors.date} hint="YYYY-MM-DD" inputMode="numeric" />
        <TextField id={id('issuer')} label="发布机构" wide value={draft.meta.issuer} onInput={setMeta('issuer')} error={errors.issuer} />
        <TextField
          id={id('url')}
          label="来源地址"
          type="url"
          wide
          value={draft.meta.url}
          onInput={setMeta('url')}
          error={errors.url}
          hint="这份报告在网站上的网址，回答的出处链接到这里"
          inputMode="url"
        />
      </fieldset>
      <div class="preview-facts">
        <h4 id={`${headingId}-agency`}>机构</h4>
        <p class="agency-line">
          {p.agency ? <strong>{p.agency}</strong> : '没有识别出机构：提问时点名机构的问题不会由这份报告回答'}
          {p.agency ? (p.agencyKnown ? '（本站已有这个机构的报告）' : '（本站新增的机构）') : null}
        </p>
        {p.agency ? (
          <p class="muted">
            市民提问可用的简称：{p.shortForms.length > 0 ? p.shortForms.join('、') : '无（只认全称；可在「站点设置」中添加别名）'}
          </p>
        ) : null}
        {p.warnings.length > 0 ? (
          <Notice kind="warning" title={`请核对（${p.warnings.length} 条）`}>
            <ul class="notice-detail">
              {p.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          </Notice>
        ) : null}
        <ReadingFacts decoding={p.decoding} repetition={p.repetition} headingId={`${headingId}-reading`} />
        <h4 id={`${headingId}-tables`}>表格（{p.tables.length}）</h4>
        {p.tables.length > 0 ? (
          p.tables.map((t, i) => <ReportTable key={i} table={t} number={i + 1} />)
        ) : (
          <p class="muted">没有识别出表格。</p>
        )}
        <h4 id={`${headingId}-sections`}>章节（{p.sections.length}）</h4>
        {p.sections.length > 0 ? (
          <ol class="sections" aria-labelledby={`${headingId}-sections`}>
            {p.sections.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        ) : (
          <p class="muted">没有识别出章节标题，正文按段落引用。</p>
        )}
        <details class="data-details">
          <summary>
            正文分句（{sentences} 句，共 {p.passages.length} 段）
          </summary>
          {groupPassages(p.passages).map((g, i) => (
            <div key={i} class="passage-group">
              <p class="passage-section">{g.section || '（无章节）'}</p>
              <ol class="passages">
                {g.passages.map((x, j) => (
                  <li key={j} class={`passage passage-${x.kind}`}>
                    {x.kind !== 'sentence' ? <span class="badge">{x.kind === 'meta' ? '标题信息' : x.kind === 'signoff' ? '落款' : x.kind}</span> : null}
                    {x.text}
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </details>
        <h4 id={`${headingId}-stripped`}>已去除的网页杂项（{p.stripped.length} 行）</h4>
        {p.stripped.length > 0 ? (
          <ul class="stripped" aria-labelledby={`${headingId}-stripped`}>
            {p.stripped.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        ) : (
          <p class="muted">没有去除任何内容。</p>
        )}
      </div>
    </article>
  );
}
