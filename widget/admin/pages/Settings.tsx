// Owns the settings page (站点设置): the agencies of the site's reports with the short forms citizens may use, and
// editing the site data — the site's own name, agency and contacts, agency aliases, synonyms — saved on the server
// as changes over the shipped files, in effect on the next question; the last changes. Imports preact and the
// console's modules.
import { useState } from 'preact/hooks';
import type { AdminAgency, AdminSiteDataChange, AdminSiteDataResponse } from '../../../server/contract.js';
import type { AdminApiError } from '../api.js';
import { ConfirmDialog, type ConfirmRequest } from '../components/ConfirmDialog.js';
import { RecordList, type RecordColumn } from '../components/RecordList.js';
import { ErrorNotice, Notice, TextArea, TextField } from '../components/ui.js';
import { useConsole } from '../context.js';
import { formatDateTime } from '../format.js';
import { asApiError, useLoad } from '../hooks.js';
import { checkSiteForm, countEntries, emptyContact, MAX_CONTACTS, siteFormFrom, siteRequestFrom, type ContactForm, type SiteForm } from '../site-form.js';
import { PAGE_TITLES } from '../strings.zh-CN.js';

type Kind = AdminSiteDataChange['kind'];

const KIND_NAMES: Record<Kind, string> = { aliases: '机构别名', synonyms: '同义词', site: '本站信息' };
const SHIPPED_FILES: Record<Kind, string> = { aliases: 'corpus/aliases.txt', synonyms: 'corpus/synonyms.txt', site: 'corpus/site.json' };

const AGENCY_COLUMNS: Array<RecordColumn<AdminAgency>> = [
  { label: '机构（从报告中识别）', rowHeader: true, cell: (a) => a.name },
  { label: '市民可用的简称', cell: (a) => (a.shortForms.length > 0 ? a.shortForms.join('、') : <span class="muted">只认全称</span>) },
  { label: '别名', cell: (a) => (a.aliases.length > 0 ? a.aliases.join('、') : <span class="muted">无</span>) },
  {
    label: '报告',
    cell: (a) => (
      <ul class="plain-list">
        {a.reports.map((r) => (
          <li key={r.slug}>
            <a href={`/reports/${encodeURIComponent(r.slug)}`} target="_blank" rel="noopener">
              {r.year ? `${r.year} 年度` : r.title}
            </a>
          </li>
        ))}
      </ul>
    ),
  },
];

/** Where the file in effect comes from, in staff's words. */
function describeSource(kind: Kind, file: { source: string; updatedAt: string | null }): string {
  if (file.source === 'data') return `使用后台保存的修改（${file.updatedAt ? formatDateTime(file.updatedAt) : '时间未知'}）`;
  if (file.source === 'shipped') return `使用随附文件 ${SHIPPED_FILES[kind]}`;
  return `尚未设置（没有 ${SHIPPED_FILES[kind]}）`;
}

export function SettingsPage() {
  const { api, announce } = useConsole();
  const load = useLoad(() => api.siteData(), []);
  const [confirm, setConfirm] = useState<(ConfirmRequest & { run: () => void }) | null>(null);
  const data = load.data;
  const saved = (next: AdminSiteDataResponse, message: string) => {
    load.setData(() => next);
    announce(message);
  };
  const askReset = (kind: Kind, done: (next: AdminSiteDataResponse) => void, failed: (e: AdminApiError) => void) =>
    setConfirm({
      title: `恢复${KIND_NAMES[kind]}`,
      message: <p>确定放弃后台保存的{KIND_NAMES[kind]}，改用随附文件 {SHIPPED_FILES[kind]} 吗？这次操作会记入修改记录。</p>,
      confirmLabel: '恢复随附文件',
      danger: true,
      run: () => void api.resetSiteData(kind).then(done, (e: unknown) => failed(asApiError(e))),
    });
  const agencies = data?.agencies ?? [];
  return (
    <>
      <RecordList
        title={PAGE_TITLES.settings}
        lead="本站报告所属的机构（发布报告时从标题、发布机构和落款中识别），以及市民提问时可以用的简称。这里的修改保存在服务器的数据目录中，下一个问题起生效，无需重启。"
        toolbar={
          <button type="button" class="button button-small" onClick={() => load.reload()} disabled={load.loading}>
            刷新
          </button>
        }
        load={load}
        errorTitle="站点设置加载失败"
        rows={agencies}
        rowKey={(a) => a.name}
        columns={AGENCY_COLUMNS}
        caption="本站报告的机构"
        summary={agencies.length === 0 ? '报告中没有识别出机构。' : `共 ${agencies.length} 个机构`}
      />
      {data ? (
        <>
          {data.warnings.length > 0 ? (
            <Notice kind="warning" title={`请核对（${data.warnings.length} 条）`}>
              <ul class="notice-detail">
                {data.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </Notice>
          ) : null}
          <SiteSettingsSection
            key={`site-${data.site.source}-${data.site.updatedAt ?? ''}`}
            data={data}
            onSaved={(next) => saved(next, '本站信息已保存，下一个问题起生效。')}
            askReset={askReset}
          />
          <TextSection
            key={`aliases-${data.aliases.source}-${data.aliases.updatedAt ?? ''}`}
            kind="aliases"
            data={data}
            lead="市民对机构的其他叫法。每行一个机构：先写机构全称（与上表一致），再写别名，用空格分隔，例如「牡丹江市行政服务中心 市政务大厅 江城大厅」。# 之后是注释。"
            onSaved={(next) => saved(next, '机构别名已保存，下一个问题起生效。')}
            askReset={askReset}
          />
          <TextSection
            key={`synonyms-${data.synonyms.source}-${data.synonyms.updatedAt ?? ''}`}
            kind="synonyms"
            data={data}
            lead="市民的说法与报告用词的对应。每行一组意思相同的词，用空格分隔，例如「打官司 行政诉讼」「年报 年度报告」。一组词太宽泛会让机器人回答本应拒答的问题。"
            onSaved={(next) => saved(next, '同义词已保存，下一个问题起生效。')}
            askReset={askReset}
          />
          <HistorySection entries={data.history} />
        </>
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
    </>
  );
}

type ResetAsk = (kind: Kind, done: (next: AdminSiteDataResponse) => void, failed: (e: AdminApiError) => void) => void;

/** The site's own name, agency and contacts. */
function SiteSettingsSection({ data, onSaved, askReset }: { data: AdminSiteDataResponse; onSaved: (next: AdminSiteDataResponse) => void; askReset: ResetAsk }) {
  const { api } = useConsole();
  const [form, setForm] = useState<SiteForm>(() => siteFormFrom(data.site));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<AdminApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const setContact = (i: number, field: keyof ContactForm) => (value: string) =>
    setForm((f) => ({ ...f, contacts: f.contacts.map((c, k) => (k === i ? { ...c, [field]: value } : c)) }));

  async function save(e: Event) {
    e.preventDefault();
    const found = checkSiteForm(form);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      onSaved(await api.saveSiteSettings(siteRequestFrom(form)));
    } catch (error) {
      const failed = asApiError(error);
      setFailure(failed);
      setErrors(failed.fields);
    } finally {
      setSaving(false);
    }
  }

  const agencyNames = data.agencies.map((a) => a.name);
  return (
    <section class="panel settings-section" aria-labelledby="site-heading">
      <h2 id="site-heading">本站信息</h2>
      <p class="muted">{describeSource('site', data.site)}</p>
      <p class="lead">机器人答不上来时，会请市民联系这里的联系方式；问题点名了其他机构时，改为该机构报告中的电话。</p>
      <form onSubmit={save} noValidate>
        <TextField id="site-name" label="网站名称" wide required value={form.siteName} onInput={(v) => setForm((f) => ({ ...f, siteName: v }))} error={errors.siteName} maxLength={60} />
        <TextField
          id="site-agency"
          label="本站机构"
          wide
          value={form.agency}
          onInput={(v) => setForm((f) => ({ ...f, agency: v }))}
          error={errors.agency}
          hint={`留空则为默认报告的机构。本站报告的机构：${agencyNames.join('、') || '无'}`}
          maxLength={60}
        />
        <fieldset class="fieldset">
          <legend>联系方式（{form.contacts.length}/{MAX_CONTACTS}）</legend>
          {errors.contacts ? <p class="field-error">{errors.contacts}</p> : null}
          {form.contacts.length === 0 ? <p class="muted">未设置：答不上来时列出本站机构报告中的电话。</p> : null}
          {form.contacts.map((c, i) => (
            <div key={i} class="contact-row" role="group" aria-label={`联系方式 ${i + 1}`}>
              <TextField id={`contact-${i}-label`} label="名称" value={c.label} onInput={setContact(i, 'label')} error={errors[`contacts[${i}].label`]} placeholder="政务服务咨询电话" />
              <TextField id={`contact-${i}-phone`} label="电话" value={c.phone} onInput={setContact(i, 'phone')} error={errors[`contacts[${i}].phone`]} inputMode="tel" placeholder="0453-6958002" />
              <TextField id={`contact-${i}-address`} label="地址" wide value={c.address} onInput={setContact(i, 'address')} error={errors[`contacts[${i}].address`]} />
              <TextField id={`contact-${i}-hours`} label="办公时间" value={c.hours} onInput={setContact(i, 'hours')} error={errors[`contacts[${i}].hours`]} placeholder="工作日 8:30—17:00" />
              <TextField id={`contact-${i}-web`} label="网址" type="url" wide value={c.web} onInput={setContact(i, 'web')} error={errors[`contacts[${i}].web`]} inputMode="url" />
              <button type="button" class="button button-small" onClick={() => setForm((f) => ({ ...f, contacts: f.contacts.filter((_, k) => k !== i) }))}>
                删除联系方式 {i + 1}
              </button>
            </div>
          ))}
          <button
            type="button"
            class="button button-small"
            disabled={form.contacts.length >= MAX_CONTACTS}
            onClick={() => setForm((f) => ({ ...f, contacts: [...f.contacts, emptyContact()] }))}
          >
            添加联系方式
          </button>
        </fieldset>
        {failure ? <ErrorNotice error={failure} title="本站信息没有保存" /> : null}
        <div class="button-row">
          <button type="submit" class="button button-primary" disabled={saving}>
            {saving ? '正在保存…' : '保存本站信息'}
          </button>
          {data.site.source === 'data' ? (
            <button type="button" class="button" onClick={() => askReset('site', onSaved, setFailure)}>
              恢复随附文件
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

/** An aliases or synonyms file, edited whole. */
function TextSection({
  kind,
  data,
  lead,
  onSaved,
  askReset,
}: {
  kind: 'aliases' | 'synonyms';
  data: AdminSiteDataResponse;
  lead: string;
  onSaved: (next: AdminSiteDataResponse) => void;
  askReset: ResetAsk;
}) {
  const { api } = useConsole();
  const file = data[kind];
  const [text, setText] = useState(file.text);
  const [failure, setFailure] = useState<AdminApiError | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(e: Event) {
    e.preventDefault();
    setFailure(null);
    setSaving(true);
    try {
      onSaved(await api.saveSiteText(kind, text));
    } catch (error) {
      setFailure(asApiError(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section class="panel settings-section" aria-labelledby={`${kind}-heading`}>
      <h2 id={`${kind}-heading`}>{KIND_NAMES[kind]}</h2>
      <p class="muted">
        {describeSource(kind, file)}，{countEntries(text)} 行
      </p>
      <form onSubmit={save} noValidate>
        <TextArea id={`${kind}-text`} label={`${KIND_NAMES[kind]}（整个文件）`} hint={lead} rows={12} value={text} onInput={setText} />
        {failure ? <ErrorNotice error={failure} title={`${KIND_NAMES[kind]}没有保存`} /> : null}
        <div class="button-row">
          <button type="submit" class="button button-primary" disabled={saving || text === file.text}>
            {saving ? '正在保存…' : `保存${KIND_NAMES[kind]}`}
          </button>
          {file.source === 'data' ? (
            <button type="button" class="button" onClick={() => askReset(kind, onSaved, setFailure)}>
              恢复随附文件
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

/** The last changes to the site data. */
function HistorySection({ entries }: { entries: AdminSiteDataChange[] }) {
  return (
    <section class="panel settings-section" aria-labelledby="history-heading">
      <h2 id="history-heading">修改记录</h2>
      {entries.length === 0 ? (
        <p class="muted">还没有修改。</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">站点设置修改记录</caption>
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">操作人</th>
                <th scope="col">内容</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td class="nowrap">{formatDateTime(e.at)}</td>
                  <td>{e.actor}</td>
                  <td>{KIND_NAMES[e.kind]}</td>
                  <td>{e.action === 'delete' ? '恢复随附文件' : `保存（${e.after ? countEntries(e.after) : 0} 行）`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
