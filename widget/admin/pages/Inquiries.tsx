// Owns the staff inbox of 市民留言 (inquiries): open ones with their age in working days against the deadline (the
// overdue first), the audited reveal of contact data, the reply that closes an inquiry and can publish it as an FAQ
// entry, and the calendar of holidays working days skip. Imports preact and the console's modules.
import { useState } from 'preact/hooks';
import type { AdminCalendar, AdminInquiry, AdminInquiryContactResponse } from '../../../server/contract.js';
import { Checkbox, ErrorNotice, Loading, Notice, PageHeading, Select, TextArea, TextField } from '../components/ui.js';
import { useConsole } from '../context.js';
import { formatDateTime, localOffsetMinutes } from '../format.js';
import { asApiError, useLoad } from '../hooks.js';
import type { AdminApiError } from '../api.js';
import { routeHref } from '../route.js';
import { PAGE_TITLES } from '../strings.zh-CN.js';

type Status = 'open' | 'replied' | 'all';

/** The calendar as staff type it: one day a line, 「2026-10-01 国庆节」 off, 「2026-10-10 上班 国庆调休」 worked. */
export function parseCalendarText(text: string): { days: AdminCalendar['days']; wrong: string[] } {
  const days: AdminCalendar['days'] = [];
  const wrong: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(\d{4}-\d{2}-\d{2})\s*(上班)?\s*(.*)$/.exec(line);
    if (!m) wrong.push(line);
    else days.push({ date: m[1]!, working: m[2] !== undefined, name: m[3]!.trim() });
  }
  return { days, wrong };
}

export function formatCalendarText(days: AdminCalendar['days']): string {
  return days.map((d) => [d.date, d.working ? '上班' : '', d.name].filter(Boolean).join(' ')).join('\n');
}

function Contact({ inquiry }: { inquiry: AdminInquiry }) {
  const { api } = useConsole();
  const [shown, setShown] = useState<AdminInquiryContactResponse | null>(null);
  const [error, setError] = useState<AdminApiError | null>(null);
  if (!inquiry.hasContact) return <p class="muted">未留联系方式。</p>;
  if (shown) {
    return (
      <div class="notice notice-info">
        <p>
          {shown.phone ? `电话：${shown.phone}` : ''} {shown.email ? `邮箱：${shown.email}` : ''}
        </p>
        <p class="field-hint">此次查看已记录（共查看 {shown.views.length} 次，最近：{shown.views.map((v) => v.actor.replace(/^staff:?/, '') || '工作人员').slice(0, 3).join('、')}）。</p>
      </div>
    );
  }
  return (
    <p>
      <button
        type="button"
        class="button button-small"
        onClick={() => api.inquiryContact(inquiry.id).then(setShown, (e: unknown) => setError(asApiError(e)))}
        aria-label={`查看联系方式（会被记录）：${inquiry.question}`}
      >
        查看联系方式（会被记录）
      </button>
      {error ? <ErrorNotice error={error} title="联系方式打开失败" /> : null}
    </p>
  );
}

function ReplyForm({ inquiry, onReplied }: { inquiry: AdminInquiry; onReplied(message: string): void }) {
  const { api } = useConsole();
  const [reply, setReply] = useState('');
  const [publish, setPublish] = useState(false);
  const [question, setQuestion] = useState(inquiry.question);
  const [error, setError] = useState<AdminApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    setBusy(true);
    api.replyInquiry(inquiry.id, { reply, ...(publish ? { publishFaq: { question } } : {}) }).then(
      (done) => onReplied(done.faq ? `已答复，并发布为常见问题 #${done.faq.id}。` : '已答复，市民输入查询码即可看到。'),
      (e: unknown) => {
        setError(asApiError(e));
        setBusy(false);
      },
    );
  };
  return (
    <form onSubmit={submit} class="inquiry-reply">
      <TextArea id={`reply-${inquiry.id}`} label="答复" value={reply} onInput={setReply} rows={3} maxLength={4000} required />
      <Checkbox id={`publish-${inquiry.id}`} label="同时发布为常见问题" hint="机器人以后直接用这条答复回答同样的问题。" checked={publish} onChange={setPublish} />
      {publish ? <TextField id={`faq-question-${inquiry.id}`} label="常见问题的问法" value={question} onInput={setQuestion} maxLength={200} wide /> : null}
      {error ? <ErrorNotice error={error} title="答复没有保存" /> : null}
      <button type="submit" class="button button-primary" aria-disabled={busy || !reply.trim()} disabled={busy || !reply.trim()}>
        答复并关闭
      </button>
    </form>
  );
}

function InquiryItem({ inquiry, onReplied }: { inquiry: AdminInquiry; onReplied(message: string): void }) {
  const { age } = inquiry;
  return (
    <li class={`inquiry${age.overdue ? ' inquiry-overdue' : ''}`}>
      <p class="inquiry-question">{inquiry.question}</p>
      <p class="muted">
        收到于 {formatDateTime(inquiry.createdAt)} · 已 {age.workingDays} 个工作日 · 截止 {age.dueDate}{' '}
        {age.overdue ? <span class="badge badge-bad">已超期</span> : inquiry.status === 'open' ? <span class="badge">待答复</span> : <span class="badge badge-ok">已答复</span>}
      </p>
      <Contact inquiry={inquiry} />
      {inquiry.status === 'open' ? (
        <ReplyForm inquiry={inquiry} onReplied={onReplied} />
      ) : (
        <div>
          <p class="prewrap">答复：{inquiry.reply}</p>
          <p class="muted">
            {inquiry.repliedBy?.replace(/^staff:?/, '') || '工作人员'} 于 {formatDateTime(inquiry.repliedAt)} 答复
            {inquiry.faqId !== null ? (
              <>
                {' '}
                · <a href={routeHref({ page: 'faq-edit', id: inquiry.faqId })}>常见问题 #{inquiry.faqId}</a>
              </>
            ) : null}
          </p>
        </div>
      )}
    </li>
  );
}

function CalendarEditor() {
  const { api, announce } = useConsole();
  const calendar = useLoad(() => api.calendar(), []);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const value = text ?? (calendar.data ? formatCalendarText(calendar.data.days) : '');
  const save = (event: Event) => {
    event.preventDefault();
    const parsed = parseCalendarText(value);
    if (parsed.wrong.length > 0) return setError(`这些行看不懂：${parsed.wrong.join('；')}。每行写一个日期，如「2026-10-01 国庆节」或「2026-10-10 上班 调休」。`);
    setError(null);
    api.saveCalendar({ days: parsed.days }).then(
      (saved) => {
        setText(formatCalendarText(saved.days));
        announce(`工作日历已保存（${saved.days.length} 天）。`);
      },
      (e: unknown) => setError(asApiError(e).message),
    );
  };
  return (
    <form class="panel" onSubmit={save}>
      <h2>节假日与调休</h2>
      {calendar.error ? <ErrorNotice error={calendar.error} title="工作日历加载失败" /> : null}
      <TextArea
        id="calendar-days"
        label="不计工作日的节假日，和调休上班的周末"
        hint="每行一天：「2026-10-01 国庆节」表示放假；「2026-10-10 上班 国庆调休」表示周末上班。其余周一至周五算工作日。"
        value={value}
        onInput={setText}
        rows={6}
        error={error ?? undefined}
      />
      <button type="submit" class="button">
        保存工作日历
      </button>
    </form>
  );
}

export function InquiriesPage() {
  const { api, announce } = useConsole();
  const [status, setStatus] = useState<Status>('open');
  const list = useLoad(() => api.inquiries({ status, tz: localOffsetMinutes() }), [status]);
  const data = list.data;
  const replied = (message: string) => {
    announce(message);
    list.reload();
  };
  return (
    <section aria-labelledby="page-heading">
      <div class="page-head">
        <PageHeading title={PAGE_TITLES.inquiries}>{PAGE_TITLES.inquiries}</PageHeading>
        <Select<Status>
          id="inquiry-status"
          label="状态"
          value={status}
          onChange={setStatus}
          options={[
            ['open', '待答复'],
            ['replied', '已答复'],
            ['all', '全部'],
          ]}
        />
      </div>
      <p class="lead">市民在机器人答不上来时留下的问题。{data ? `请在 ${data.deadlineDays} 个工作日内答复；` : ''}最早收到的（最先超期的）排在最前。市民用查询码查看答复。</p>
      {data ? (
        <Notice kind={data.overdue > 0 ? 'warning' : 'info'}>
          <p>
            待答复 {data.open} 条{data.overdue > 0 ? `，其中已超期 ${data.overdue} 条` : '，没有超期的'}。
          </p>
        </Notice>
      ) : null}
      {list.error ? <ErrorNotice error={list.error} title="留言加载失败" /> : null}
      {list.loading && !data ? <Loading /> : null}
      {data && data.inquiries.length === 0 ? <p class="muted">{status === 'open' ? '没有待答复的留言。' : '还没有留言。'}</p> : null}
      {data && data.inquiries.length > 0 ? (
        <ul class="inquiry-list" aria-label="留言列表">
          {data.inquiries.map((i) => (
            <InquiryItem key={i.id} inquiry={i} onReplied={replied} />
          ))}
        </ul>
      ) : null}
      <CalendarEditor />
    </section>
  );
}
